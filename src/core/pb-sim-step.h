/* pb-sim-step.h: one event of a simulated day and what both systems believe after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-day-script.h"
#include "pb-finding.h"

G_BEGIN_DECLS

/* What a step changed, for a timeline to highlight. */
typedef enum
{
  PB_SIM_CHANGE_NONE     = 0,
  PB_SIM_CHANGE_STATE    = 1 << 0, /* the ContactPad state */
  PB_SIM_CHANGE_PRESENCE = 1 << 1, /* the Omni-Channel presence */
} PbSimChange;

/* Stable rule codes (docs/simulation.md): which rule of domain.md decided
 * the step. Never translated. */
#define PB_SIM_RULE_LOG_IN                "log_in"
#define PB_SIM_RULE_LOG_OUT               "log_out"
#define PB_SIM_RULE_GO_OFFLINE            "go_offline"
#define PB_SIM_RULE_PRESENCE_TO_STATE     "presence_to_state"
#define PB_SIM_RULE_ROUND_TRIP            "round_trip"
#define PB_SIM_RULE_STATE_TO_PRESENCE     "state_to_presence"
#define PB_SIM_RULE_CALL                  "call"
#define PB_SIM_RULE_WRAP_UP               "wrap_up"
#define PB_SIM_RULE_CHAT                  "chat"
#define PB_SIM_RULE_POST_CALL             "post_call"
#define PB_SIM_RULE_REVERT                "revert"
#define PB_SIM_RULE_PICK_WHILE_LOGGED_OUT "pick_while_logged_out"
#define PB_SIM_RULE_PICK_DURING_CALL      "pick_during_call"
#define PB_SIM_RULE_NOTHING_HAPPENS       "nothing_happens"

/* Stable flag codes (docs/simulation.md); a flag is a PbFinding with one of
 * these codes, the severity of the check that predicts it, and the row at
 * fault as its path and subject. */
#define PB_SIM_FLAG_DOUBLE_ROUTING     "double_routing"
#define PB_SIM_FLAG_CHOICE_OVERWRITTEN "choice_overwritten"
#define PB_SIM_FLAG_STUCK              "stuck"
#define PB_SIM_FLAG_REVERT_INEFFECTIVE "revert_ineffective"

#define PB_TYPE_SIM_STEP (pb_sim_step_get_type ())

G_DECLARE_FINAL_TYPE (PbSimStep, pb_sim_step, PB, SIM_STEP, GObject)

/* Steps are built by the simulator and immutable afterwards. */
PbSimStep          *pb_sim_step_new                  (guint            index,
                                                      PbDayEventType   event_type,
                                                      const char      *event_subject,
                                                      const char      *event_text);
void                pb_sim_step_set_agent            (PbSimStep       *self,
                                                      const char      *state_id,
                                                      const char      *state_name,
                                                      gboolean         logged_in,
                                                      const char      *presence,
                                                      const char      *presence_label,
                                                      gboolean         presence_online,
                                                      PbSimChange      changes);
/* @rule is one of the PB_SIM_RULE_ codes (static); @explanation (transfer
 * full) the rules that decided, one sentence each, in order. */
void                pb_sim_step_set_rule             (PbSimStep       *self,
                                                      const char      *rule,
                                                      GStrv            explanation);
void                pb_sim_step_add_flag             (PbSimStep       *self,
                                                      PbFinding       *flag);

/* 0-based position in the day. */
guint               pb_sim_step_get_index            (PbSimStep       *self);
PbDayEventType      pb_sim_step_get_event_type       (PbSimStep       *self);
/* The API name picked, the state entered or the call's direction, or NULL. */
const char         *pb_sim_step_get_event_subject    (PbSimStep       *self);
/* What happened, for people: "Agent picks “On a call”". */
const char         *pb_sim_step_get_event_text       (PbSimStep       *self);

/* The platform's side: the agent state (its id, and its name as ContactPad
 * shows it), "logged_out" when logged out. */
const char         *pb_sim_step_get_state_id         (PbSimStep       *self);
const char         *pb_sim_step_get_state_name       (PbSimStep       *self);
gboolean            pb_sim_step_get_logged_in        (PbSimStep       *self);
/* Omni-Channel's side: the presence status's API name and label, both NULL
 * when the agent is offline; online: it has a service channel. */
const char         *pb_sim_step_get_presence         (PbSimStep       *self);
const char         *pb_sim_step_get_presence_label   (PbSimStep       *self);
gboolean            pb_sim_step_get_presence_online  (PbSimStep       *self);
PbSimChange         pb_sim_step_get_changes          (PbSimStep       *self);

const char         *pb_sim_step_get_rule             (PbSimStep       *self);
const char * const *pb_sim_step_get_explanation      (PbSimStep       *self);

guint               pb_sim_step_get_n_flags          (PbSimStep       *self);
PbFinding          *pb_sim_step_get_flag             (PbSimStep       *self,
                                                      guint            index);
gboolean            pb_sim_step_has_flag             (PbSimStep       *self,
                                                      const char      *code,
                                                      const char      *subject_id);

G_END_DECLS
