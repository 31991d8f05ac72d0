/* pb-configuration.h: the lists a mapping is made against, and the mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pb-agent-state.h"
#include "pb-presence-status.h"

G_BEGIN_DECLS

/* Where the effective presence of a state comes from. */
typedef enum
{
  PB_RESOLUTION_NONE,      /* no mapping at all: a major left unmapped */
  PB_RESOLUTION_OWN,       /* the state's own entry */
  PB_RESOLUTION_INHERITED, /* a minor state using its major's entry */
  PB_RESOLUTION_FIXED,     /* Logged out: always offline */
} PbResolution;

#define PB_TYPE_CONFIGURATION (pb_configuration_get_type ())

G_DECLARE_FINAL_TYPE (PbConfiguration, pb_configuration, PB, CONFIGURATION, GObject)

PbConfiguration  *pb_configuration_new                       (void);
PbConfiguration  *pb_configuration_copy                      (PbConfiguration  *self);
void              pb_configuration_assign                    (PbConfiguration  *self,
                                                              PbConfiguration  *source);
gboolean          pb_configuration_equal                     (PbConfiguration  *a,
                                                              PbConfiguration  *b);
gboolean          pb_configuration_mapping_equal             (PbConfiguration  *a,
                                                              PbConfiguration  *b);
gboolean          pb_configuration_lists_equal               (PbConfiguration  *a,
                                                              PbConfiguration  *b);
gboolean          pb_configuration_is_empty                  (PbConfiguration  *self);
/* The part a platform stores: the two mappings and the switch. */
gboolean          pb_configuration_published_equal           (PbConfiguration  *a,
                                                              PbConfiguration  *b);
/* Makes @self's published part @from's; its lists, account, org, Agent
 * Post Call State and unknown keys stay. */
void              pb_configuration_set_published             (PbConfiguration  *self,
                                                              PbConfiguration  *from);

/* Account and org the configuration belongs to (may be NULL). */
const char       *pb_configuration_get_account_id            (PbConfiguration  *self);
const char       *pb_configuration_get_account_name          (PbConfiguration  *self);
void              pb_configuration_set_account               (PbConfiguration  *self,
                                                              const char       *id,
                                                              const char       *name);
const char       *pb_configuration_get_org_id                (PbConfiguration  *self);
const char       *pb_configuration_get_org_name              (PbConfiguration  *self);
gboolean          pb_configuration_get_org_sandbox           (PbConfiguration  *self);
void              pb_configuration_set_org                   (PbConfiguration  *self,
                                                              const char       *id,
                                                              const char       *name,
                                                              gboolean          sandbox);

/* The lists (snapshots). Items are PbAgentState / PbPresenceStatus, in the
 * order they were fetched or read. Duplicates are kept so checks can report
 * them; lookups return the first. */
GListModel       *pb_configuration_get_agent_states          (PbConfiguration  *self);
GListModel       *pb_configuration_get_presence_statuses     (PbConfiguration  *self);
GListModel       *pb_configuration_get_major_states          (PbConfiguration  *self);
GListModel       *pb_configuration_get_minor_states          (PbConfiguration  *self,
                                                              const char       *major_id);
void              pb_configuration_set_agent_states          (PbConfiguration  *self,
                                                              GPtrArray        *states);
void              pb_configuration_set_presence_statuses     (PbConfiguration  *self,
                                                              GPtrArray        *statuses);
PbAgentState     *pb_configuration_lookup_state              (PbConfiguration  *self,
                                                              const char       *state_id);
PbPresenceStatus *pb_configuration_lookup_presence           (PbConfiguration  *self,
                                                              const char       *api_name);
/* What the lists call an item: the state's name, the status's label, or
 * the id or API name itself when the list does not have it. */
const char       *pb_configuration_get_state_name            (PbConfiguration  *self,
                                                              const char       *state_id);
const char       *pb_configuration_get_presence_label        (PbConfiguration  *self,
                                                              const char       *api_name);

/* Presence → state. NULL state_id removes the entry (the default, Ready). */
const char       *pb_configuration_get_presence_mapping      (PbConfiguration  *self,
                                                              const char       *api_name);
void              pb_configuration_set_presence_mapping      (PbConfiguration  *self,
                                                              const char       *api_name,
                                                              const char       *state_id);
/* Sorted keys of the presence → state entries (free the array, not the strings). */
GPtrArray        *pb_configuration_list_presence_mappings    (PbConfiguration  *self);

/* State → presence. An entry exists or not; an existing entry's presence
 * may be NULL, meaning offline. */
gboolean          pb_configuration_get_state_mapping         (PbConfiguration  *self,
                                                              const char       *state_id,
                                                              const char      **presence_api_name);
void              pb_configuration_set_state_mapping         (PbConfiguration  *self,
                                                              const char       *state_id,
                                                              const char       *presence_api_name);
void              pb_configuration_unset_state_mapping       (PbConfiguration  *self,
                                                              const char       *state_id);
GPtrArray        *pb_configuration_list_state_mappings       (PbConfiguration  *self);

gboolean          pb_configuration_get_revert_to_last_status (PbConfiguration  *self);
void              pb_configuration_set_revert_to_last_status (PbConfiguration  *self,
                                                              gboolean          revert);
const char       *pb_configuration_get_agent_post_call_state (PbConfiguration  *self);
void              pb_configuration_set_agent_post_call_state (PbConfiguration  *self,
                                                              const char       *state_id);

/* Unknown top-level keys of an imported file, kept for the round trip. */
JsonObject       *pb_configuration_get_extra                 (PbConfiguration  *self);
void              pb_configuration_set_extra                 (PbConfiguration  *self,
                                                              JsonObject       *extra);

/* Resolution: what actually happens. */
PbResolution      pb_configuration_resolve_state             (PbConfiguration  *self,
                                                              const char       *state_id,
                                                              const char      **presence_api_name);
const char       *pb_configuration_resolve_presence          (PbConfiguration  *self,
                                                              const char       *api_name,
                                                              gboolean         *is_default);
PbStateKind       pb_configuration_get_state_kind            (PbConfiguration  *self,
                                                              const char       *state_id);
char             *pb_configuration_dup_state_display_name    (PbConfiguration  *self,
                                                              const char       *state_id);
/* What a mapping row shows as its value, in the product's words. For a
 * status: the state it sets ("Away › Break"), or "Default (Ready)". For a
 * state: its presence's label, or "Offline"; without an entry of its own,
 * "Not mapped" for a major and "Same as Away (Away from desk)" for a minor,
 * naming what it inherits. */
char             *pb_configuration_dup_presence_value        (PbConfiguration  *self,
                                                              const char       *api_name);
char             *pb_configuration_dup_state_value           (PbConfiguration  *self,
                                                              const char       *state_id);
/* The first state, in list order, of @kind, minor or major as asked, whose
 * id or name contains @word (ignoring case; NULL for any), other than
 * @except (may be NULL). */
const char       *pb_configuration_find_state                (PbConfiguration  *self,
                                                              PbStateKind       kind,
                                                              gboolean          minor,
                                                              const char       *word,
                                                              const char       *except);

G_END_DECLS
