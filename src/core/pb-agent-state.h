/* pb-agent-state.h: one agent state of the contact-centre platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Well-known ids: the platform guarantees these two exist in every account. */
#define PB_STATE_ID_READY      "ready"
#define PB_STATE_ID_LOGGED_OUT "logged_out"

/* What a state means for routing, derived from its major state (see
 * docs/decisions.md for how a state is classified). */
typedef enum
{
  PB_STATE_KIND_OTHER,
  PB_STATE_KIND_READY,
  PB_STATE_KIND_READY_OFFLINE,
  PB_STATE_KIND_BUSY,
  PB_STATE_KIND_WRAP,
  PB_STATE_KIND_AWAY,
  PB_STATE_KIND_LOGGED_OUT,
} PbStateKind;

#define PB_TYPE_AGENT_STATE (pb_agent_state_get_type ())

G_DECLARE_FINAL_TYPE (PbAgentState, pb_agent_state, PB, AGENT_STATE, GObject)

PbAgentState *pb_agent_state_new          (const char   *id,
                                           const char   *name,
                                           const char   *major_id);
const char   *pb_agent_state_get_id       (PbAgentState *self);
const char   *pb_agent_state_get_name     (PbAgentState *self);
const char   *pb_agent_state_get_major_id (PbAgentState *self);
gboolean      pb_agent_state_is_major     (PbAgentState *self);
PbStateKind   pb_agent_state_classify     (const char   *id,
                                           const char   *name);

G_END_DECLS
