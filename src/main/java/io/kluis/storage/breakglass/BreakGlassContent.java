package io.kluis.storage.breakglass;

import io.kluis.audit.AuditTrail;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.breakglass.BreakGlass.Granted;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Nodes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading a space under an active grant, read-only. Each folder listed and each file opened is
 * written to the audit trail in its own transaction before anything is returned: if the entry cannot
 * be written, nothing is shown. Entries name the node id, never the file name (names may be
 * personal, and the trail outlives them); together with the request id that is enough to tell the
 * customer which files were opened.
 */
@Service
class BreakGlassContent {

	static final String LISTED = "storage.break-glass.folder-listed";

	static final String READ = "storage.break-glass.file-read";

	/** A folder's members, and the way back up. */
	record Listing(Granted grant, Node folder, @Nullable UUID parent, List<Node> members) {
	}

	private final BreakGlass breakGlass;

	private final FileTree tree;

	private final Nodes nodes;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	BreakGlassContent(BreakGlass breakGlass, FileTree tree, Nodes nodes, AuditTrail audit,
			TransactionTemplate transactions) {
		this.breakGlass = breakGlass;
		this.tree = tree;
		this.nodes = nodes;
		this.audit = audit;
		this.transactions = transactions;
	}

	Listing list(UUID request, @Nullable UUID folderId, AccountId staff) {
		Granted grant = breakGlass.granted(request, staff);
		Node root = tree.resolve(grant.space(), FilePath.ROOT).orElseThrow();
		Node folder = folderId == null ? root : node(grant, folderId);
		if (!folder.collection()) {
			throw new NotFoundException("folder");
		}
		record(LISTED, grant, folder, staff);
		UUID parent = folder.id().equals(root.id()) ? null : folder.parent();
		return new Listing(grant, folder, parent, tree.children(folder));
	}

	/** The file to send, after its reading is on the audit trail. */
	Node open(UUID request, UUID fileId, AccountId staff) {
		Granted grant = breakGlass.granted(request, staff);
		Node file = node(grant, fileId);
		if (file.collection()) {
			throw new NotFoundException("file");
		}
		record(READ, grant, file, staff);
		return file;
	}

	private Node node(Granted grant, UUID id) {
		return nodes.find(id).filter(n -> n.space().equals(grant.space().id())).orElseThrow(() -> new NotFoundException("file"));
	}

	private void record(String code, Granted grant, Node node, AccountId staff) {
		transactions.executeWithoutResult(tx -> audit.record(code, staff, grant.request().account(),
				Map.of("request", grant.request().id().toString(), "node", node.id().toString())));
	}
}
