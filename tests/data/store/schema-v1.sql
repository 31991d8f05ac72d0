-- A store as version 1 of the schema wrote it (PRAGMA user_version = 1),
-- with data. test-store's migration test loads it into an empty file and
-- opens it with the current code. Do not edit the schema part: it is a frozen
-- copy of migrate_to_1 in src/core/pb-store.c.

CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  platform_url TEXT,
  client_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  account_id TEXT,
  account_name TEXT,
  org_id TEXT,
  org_name TEXT,
  org_sandbox INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX snapshots_profile ON snapshots (profile_id);
CREATE TABLE snapshot_agent_states (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  major TEXT,
  PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
CREATE TABLE snapshot_presence_statuses (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  api_name TEXT NOT NULL,
  label TEXT NOT NULL,
  record_id TEXT,
  channels TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
CREATE TABLE drafts (
  profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
  snapshot_id INTEGER REFERENCES snapshots (id),
  mapping_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX drafts_snapshot ON drafts (snapshot_id);
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  snapshot_id INTEGER REFERENCES snapshots (id),
  mapping_json TEXT NOT NULL,
  UNIQUE (profile_id, number)
);
CREATE INDEX revisions_snapshot ON revisions (snapshot_id);
PRAGMA user_version = 1;

-- Data: two profiles, the second one the default (version 1 kept that in
-- the settings table); Production has fetched lists, a draft and two
-- revisions.
INSERT INTO profiles (id, name, platform_url, client_id, created_at) VALUES
  (1, 'Production', 'https://emea.platform.example.com', 'prod-client', 1763985600),
  (2, 'Sandbox', 'https://sandbox.platform.example.com', NULL, 1763989200);
INSERT INTO settings (key, value) VALUES ('default_profile', 'Sandbox');

INSERT INTO snapshots (id, profile_id, created_at, account_id, account_name, org_id, org_name, org_sandbox) VALUES
  (1, 1, 1763985700, 'ACC-1001', 'Example Contact Centre', '00D5g000000EXAMPLE', 'Example Org', 0);
INSERT INTO snapshot_agent_states (snapshot_id, position, id, name, major) VALUES
  (1, 0, 'ready', 'Ready', NULL),
  (1, 1, 'busy', 'Busy', NULL),
  (1, 2, 'busy.inbound', 'Busy Inbound', 'busy'),
  (1, 3, 'wrap', 'Wrap up', NULL),
  (1, 4, 'away', 'Away', NULL),
  (1, 5, 'away.break', 'Break', 'away'),
  (1, 6, 'logged_out', 'Logged out', NULL);
INSERT INTO snapshot_presence_statuses (snapshot_id, position, api_name, label, record_id, channels) VALUES
  (1, 0, 'Ready_for_Cases', 'Ready for cases', '0N55g000000AAAAGA0', '["sfdc_case"]'),
  (1, 1, 'On_a_call', 'On a call', '0N55g000000BBBBGA0', '[]'),
  (1, 2, 'Away_from_desk_temporary', 'Away from desk (temporary)', '0N55g000000CCCCGA0', '[]'),
  (1, 3, 'Taking_notes', 'Taking notes', NULL, '[]');

INSERT INTO drafts (profile_id, snapshot_id, mapping_json, updated_at) VALUES
  (1, 1, '{"presenceToState":{"Away_from_desk_temporary":"away.break","On_a_call":"away"},"stateToPresence":{"away":"Away_from_desk_temporary","busy":"On_a_call","logged_out":null,"ready":"Ready_for_Cases","wrap":"Taking_notes"},"revertToLastStatus":true,"agentPostCallState":"wrap","extra":{}}', 1763990000);

INSERT INTO revisions (id, profile_id, number, created_at, snapshot_id, mapping_json) VALUES
  (1, 1, 1, 1763986000, 1, '{"presenceToState":{},"stateToPresence":{"ready":"Ready_for_Cases","logged_out":null},"revertToLastStatus":false,"agentPostCallState":"ready","extra":{}}'),
  (2, 1, 2, 1763987000, 1, '{"presenceToState":{"On_a_call":"away"},"stateToPresence":{"away":"Away_from_desk_temporary","busy":"On_a_call","logged_out":null,"ready":"Ready_for_Cases","wrap":"Taking_notes"},"revertToLastStatus":false,"agentPostCallState":"ready","extra":{}}');
