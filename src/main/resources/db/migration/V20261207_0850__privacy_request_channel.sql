-- privacy: requests entered by staff (received by email, letter or phone; RIG-7) and the deadline
-- period a request's clock started with (the register's requests.deadline; null = one calendar month,
-- which is what every request stored before this migration was given).
alter table privacy_requests add column channel varchar(16) not null default 'FORM';
alter table privacy_requests add column deadline_period varchar(16);
