-- privacy: request records are kept 1 year after closing (register rule privacy-requests, a legal hold
-- for accountability), also when the requester's data is erased, but minimised: the address, its
-- blind index, the name and the message are cleared and the request's key is destroyed, so only the
-- kind, the dates and what was done remain. An open request of an erased subject is marked and
-- minimised when it is closed (its answer must still reach the requester).
alter table privacy_requests alter column email drop not null;
alter table privacy_requests alter column email_index drop not null;
alter table privacy_requests alter column message drop not null;
alter table privacy_requests add column subject_erased_at timestamp with time zone;
alter table privacy_requests add column minimised_at timestamp with time zone;
create index privacy_requests_account on privacy_requests (account_id);
create index privacy_requests_closed on privacy_requests (state, closed_at);
