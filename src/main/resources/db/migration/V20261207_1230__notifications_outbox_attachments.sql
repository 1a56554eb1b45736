-- notifications: a mail may carry attachments by reference (Mail.AttachmentReference): one
-- "source reference" per line, sealed like the rest of the mail under key_owner_id. The files
-- themselves are fetched from their MailAttachmentSource at send time and never stored here.
alter table notifications_outbox add column attachments bytea;
