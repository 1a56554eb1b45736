-- storage: WebDAV dead properties count toward the customer's quota (issue 8). Each property row
-- keeps the bytes it takes (UTF-8 of its namespace, name and XML), so usage can be kept exact when
-- properties are set, removed, copied and deleted with their file. Properties stored before this
-- are counted now (by characters, which is what the database can tell).
alter table storage_properties add column bytes bigint not null default 0;
update storage_properties set bytes = length(namespace) + length(local_name) + length(value_xml);
update storage_usage set used_bytes = used_bytes + (
    select coalesce(sum(p.bytes), 0) from storage_properties p
    join storage_nodes n on n.id = p.node_id
    join storage_spaces s on s.id = n.space_id
    where s.account_id = storage_usage.account_id);
