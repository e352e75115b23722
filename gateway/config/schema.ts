/**
 * The IM&P configuration database. Table names follow IM&P where the troubleshooting text names them
 * (pebackendgateway, processconfig, enduser); the rest are ours.
 */
export const SCHEMA_VERSION = 5;

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE pebackendgateway (
     pkid TEXT PRIMARY KEY,
     type TEXT NOT NULL DEFAULT 'Exchange - EWS Server',
     description TEXT NOT NULL DEFAULT '',
     presencegateway TEXT NOT NULL,
     port INTEGER NOT NULL DEFAULT 443 CHECK (port BETWEEN 1 AND 65535),
     priority INTEGER NOT NULL,
     localecalendarname TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (presencegateway, port)
   );
   CREATE TABLE pegatewayaccount (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     accountname TEXT NOT NULL,
     password TEXT NOT NULL
   );
   CREATE TABLE processconfig (
     service TEXT NOT NULL,
     paramname TEXT NOT NULL,
     paramvalue TEXT NOT NULL,
     PRIMARY KEY (service, paramname)
   );
   CREATE TABLE certificatestore (
     store TEXT NOT NULL CHECK (store IN ('cup-trust', 'tomcat-trust')),
     fingerprint TEXT NOT NULL,
     subject TEXT NOT NULL,
     issuer TEXT NOT NULL,
     serial TEXT NOT NULL,
     not_before TEXT NOT NULL,
     not_after TEXT NOT NULL,
     is_ca INTEGER NOT NULL,
     pem TEXT NOT NULL,
     filename TEXT NOT NULL,
     added_at TEXT NOT NULL,
     PRIMARY KEY (store, fingerprint)
   );
   CREATE TABLE enduser (
     userid TEXT PRIMARY KEY,
     mailid TEXT NOT NULL,
     displayname TEXT NOT NULL DEFAULT '',
     imp_enabled INTEGER NOT NULL DEFAULT 1,
     calendaring INTEGER NOT NULL DEFAULT 1,
     licensed INTEGER NOT NULL DEFAULT 1,
     locale TEXT NOT NULL DEFAULT 'en_US'
   );
   CREATE TABLE nodesetting (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   INSERT INTO nodesetting (name, value) VALUES ('active_locale', 'en_US');
   CREATE TABLE configgeneration (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     generation INTEGER NOT NULL
   );
   INSERT INTO configgeneration (id, generation) VALUES (1, 0);`,
  `ALTER TABLE enduser ADD COLUMN password TEXT NOT NULL DEFAULT '';
   ALTER TABLE pebackendgateway ADD COLUMN subscriptionmode TEXT NOT NULL DEFAULT 'push'
     CHECK (subscriptionmode IN ('push', 'pull', 'streaming'));`,
  `CREATE TABLE ldapuser (
     userid TEXT PRIMARY KEY COLLATE NOCASE,
     mail TEXT NOT NULL,
     displayname TEXT NOT NULL DEFAULT '',
     password TEXT NOT NULL
   );
   CREATE TABLE cucmuser (
     userid TEXT PRIMARY KEY COLLATE NOCASE,
     mail TEXT NOT NULL,
     displayname TEXT NOT NULL DEFAULT '',
     status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
     inactive_since INTEGER,
     locale TEXT NOT NULL DEFAULT 'en_US',
     locale_applied INTEGER NOT NULL DEFAULT 1
   );
   CREATE TABLE localepack (
     node TEXT NOT NULL CHECK (node IN ('imp', 'cucm')),
     locale TEXT NOT NULL,
     installed_at INTEGER NOT NULL,
     PRIMARY KEY (node, locale)
   );
   INSERT INTO localepack (node, locale, installed_at) VALUES ('imp', 'en_US', 0), ('cucm', 'en_US', 0);
   INSERT INTO nodesetting (name, value) VALUES ('ldap_reachable', 'true');`,
  // User ids are looked up case-insensitively; without this index every lookup scans the whole table.
  `CREATE INDEX enduser_userid_nocase ON enduser (userid COLLATE NOCASE);`,
  // How the impersonation account authenticates on /EWS (IM&P offers Basic and NTLM).
  `ALTER TABLE pegatewayaccount ADD COLUMN authmethod TEXT NOT NULL DEFAULT 'Basic' CHECK (authmethod IN ('Basic', 'NTLM'));`,
];
