-- What an app password may reach (issue 8): space-separated scopes chosen at creation, "files"
-- (WebDAV only), "api:read", "api:write". New app passwords default to "files"; those created
-- before scopes existed keep what they could do (they reach no account takeover either way: the
-- API re-authenticates with the account password for every sensitive change).
alter table identity_app_passwords add column scopes varchar(64) default 'files api:read api:write' not null;
