/* pb-sandbox-state.h: everything the sandbox knows and keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-configuration.h"
#include "pb-sandbox-org.h"
#include "pb-sandbox-tokens.h"

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_STATE (pb_sandbox_state_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxState, pb_sandbox_state, PB, SANDBOX_STATE, GObject)

/* The platform account (states, configuration) and the Salesforce org
 * (statuses) as @seed describes them; the platform has fetched the org's
 * statuses once, now. */
PbSandboxState  *pb_sandbox_state_new                        (PbConfiguration  *seed);
/* From now on the state lives in @path: read from it when it exists (the
 * seed is then only what a reset returns to), else written there; written
 * again, atomically, after every change. */
gboolean         pb_sandbox_state_attach_file                (PbSandboxState   *self,
                                                              const char       *path,
                                                              GError          **error);
/* Back to the seed; every token is forgotten. */
void             pb_sandbox_state_reset                      (PbSandboxState   *self);

PbSandboxOrg    *pb_sandbox_state_get_org                    (PbSandboxState   *self);
PbSandboxTokens *pb_sandbox_state_get_tokens                 (PbSandboxState   *self);

/* Platform answers. @feature_off: answer as if the account lacked the
 * integration (the feature-off fault). */
JsonNode        *pb_sandbox_state_account_to_json            (PbSandboxState   *self,
                                                              gboolean          feature_off);
gboolean         pb_sandbox_state_get_omnichannel            (PbSandboxState   *self);
JsonNode        *pb_sandbox_state_agent_states_to_json       (PbSandboxState   *self);
JsonNode        *pb_sandbox_state_presence_statuses_to_json  (PbSandboxState   *self);
/* The platform fetches the org's statuses again. */
void             pb_sandbox_state_refresh_presence_statuses  (PbSandboxState   *self);
JsonNode        *pb_sandbox_state_configuration_to_json      (PbSandboxState   *self);
/* Quoted, opaque, and never the same for two revisions, even across a
 * reset. */
const char      *pb_sandbox_state_get_etag                   (PbSandboxState   *self);

/* Checks @body (the PUT body: presenceToState, stateToPresence,
 * revertToLastStatus; with @partial any of them) against the account's
 * states and the fetched statuses, and stores it as a new revision. On
 * failure *@findings holds {"code","message","path"} objects. */
gboolean         pb_sandbox_state_store_configuration        (PbSandboxState   *self,
                                                              JsonNode         *body,
                                                              gboolean          partial,
                                                              JsonArray       **findings);
/* Someone saved elsewhere: a new revision with the same content. */
void             pb_sandbox_state_touch_configuration        (PbSandboxState   *self);

/* Admin changes: {"id","name","features":{…},"agentPostCallState"} and
 * {"agentStates":[…],"presenceStatuses":[…]}, each member optional. */
gboolean         pb_sandbox_state_update_account             (PbSandboxState   *self,
                                                              JsonNode         *body,
                                                              JsonArray       **findings);
gboolean         pb_sandbox_state_update_lists               (PbSandboxState   *self,
                                                              JsonNode         *body,
                                                              JsonArray       **findings);
/* The org and the account's states as they are now (not as last fetched). */
JsonNode        *pb_sandbox_state_lists_to_json              (PbSandboxState   *self);

G_END_DECLS
