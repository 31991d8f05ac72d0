/* pb-simulation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agent is two pieces of state, one per system: the agent state on the
 * platform (Logged out included) and the presence in Omni-Channel (or
 * offline), plus what the rules need: the agent's own pick while it stands,
 * the call in progress and the presence before it. Each event applies
 * domain.md's rules in order; the model, every rule and every flag are
 * written down in docs/simulation.md, which this file follows.
 *
 * The integration carries a change to the other system; a change it made
 * itself is not carried back. So a pick that changes the platform's state
 * comes back as that state's presence (the round trip), while a state the
 * platform enters shows its presence and stops there.
 *
 * Sentences come from the preview (pb-preview.c), so the simulator and the
 * preview say the same thing in the same words.
 */
#include "pb-simulation.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-checks.h"
#include "pb-preview.h"

/* How often a worker thread looks at its cancellable, in steps. */
#define CANCEL_CHECK_INTERVAL 256

typedef enum
{
  ORIGIN_INTEGRATION, /* shown by the mapping of the platform's state */
  ORIGIN_AGENT,       /* the agent's own pick (or its restoring by revert) */
} Origin;

typedef struct
{
  PbConfiguration *config;

  /* Findings of the checks that predict flags, by "code\nsubject", worked
   * out at the first flag. */
  GListModel *findings;
  GHashTable *predictions;

  /* The agent. Strings are borrowed from the configuration. */
  gboolean logged_in;
  const char *state;
  const char *presence;   /* NULL: offline */
  Origin origin;
  const char *choice;     /* the agent's own pick, while it stands */
  gboolean in_call;
  gboolean wrapping;
  PbCallDirection direction;
  const char *before_call;
  gboolean stuck;

  /* Worked out at the first question. */
  GHashTable *kinds;         /* state id → PbStateKind + 1 */
  gboolean escapes_known;
  gboolean escape_anywhere;
  GHashTable *escape_states; /* states a pick of an online status leaves alone */
  const char *busy_states[PB_CALL_EXTERNAL + 1];
  const char *wrap_state;

  /* The step being played, and the preview's event for it. */
  PbSimStep *step;
  PbPreviewEvent *event;
  const char *rule;
  GPtrArray *explanation;
} Sim;

static void
sim_init (Sim             *sim,
          PbConfiguration *config)
{
  memset (sim, 0, sizeof *sim);
  sim->config = config;
  sim->state = PB_STATE_ID_LOGGED_OUT;
  sim->escape_states = g_hash_table_new (g_str_hash, g_str_equal);
  sim->kinds = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
sim_clear (Sim *sim)
{
  g_clear_object (&sim->findings);
  g_clear_pointer (&sim->predictions, g_hash_table_unref);
  g_clear_pointer (&sim->escape_states, g_hash_table_unref);
  g_clear_pointer (&sim->kinds, g_hash_table_unref);
}

/* What the lists say */

static PbPresenceStatus *
lookup_presence (Sim        *sim,
                 const char *api_name)
{
  return pb_configuration_lookup_presence (sim->config, api_name);
}

static gboolean
is_online (Sim        *sim,
           const char *api_name)
{
  PbPresenceStatus *status = lookup_presence (sim, api_name);

  return status != NULL && pb_presence_status_is_online (status);
}

/* A status of the org with no service channel: Salesforce considers the
 * agent busy. Offline is not a status. */
static gboolean
is_busy_presence (Sim        *sim,
                  const char *api_name)
{
  PbPresenceStatus *status = lookup_presence (sim, api_name);

  return status != NULL && !pb_presence_status_is_online (status);
}

/* Classifying casefolds names, and a sweep asks about thousands of states
 * several times each: asked once per state. Keys are borrowed from the
 * configuration (or are literals). */
static PbStateKind
kind_of (Sim        *sim,
         const char *state_id)
{
  gpointer cached = g_hash_table_lookup (sim->kinds, state_id);
  PbStateKind kind;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  kind = pb_configuration_get_state_kind (sim->config, state_id);
  g_hash_table_insert (sim->kinds, (char *)state_id, GINT_TO_POINTER (kind + 1));
  return kind;
}

/* Busy, Away and Wrap up, as the checks count them. */
static gboolean
is_unavailable_kind (PbStateKind kind)
{
  return kind == PB_STATE_KIND_BUSY || kind == PB_STATE_KIND_AWAY || kind == PB_STATE_KIND_WRAP;
}

/* The configuration's own copy of a state id, which outlives the run. */
static const char *
state_id_in_lists (Sim        *sim,
                   const char *state_id)
{
  PbAgentState *state = pb_configuration_lookup_state (sim->config, state_id);

  return state != NULL ? pb_agent_state_get_id (state) : NULL;
}

/* Where an agent who gets back to an online status in one move can start
 * from: a state they can pick that shows one; an online status whose round
 * trip comes back online; or, from the state an online status maps to,
 * that status itself (the state does not change, so nothing replaces it). */
static void
ensure_escapes (Sim *sim)
{
  GListModel *states = pb_configuration_get_agent_states (sim->config);
  GListModel *statuses = pb_configuration_get_presence_statuses (sim->config);
  gboolean any_online = FALSE;
  guint n;

  if (sim->escapes_known)
    return;
  sim->escapes_known = TRUE;

  n = g_list_model_get_n_items (states);
  for (guint i = 0; i < n && !sim->escape_anywhere; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);
      PbStateKind kind = kind_of (sim, id);
      const char *presence = NULL;

      /* Busy states come with interactions; agents do not pick them. */
      if (kind == PB_STATE_KIND_BUSY || kind == PB_STATE_KIND_LOGGED_OUT)
        continue;

      pb_configuration_resolve_state (sim->config, id, &presence);
      if (is_online (sim, presence))
        sim->escape_anywhere = TRUE;
    }

  n = g_list_model_get_n_items (statuses);
  for (guint i = 0; i < n && !sim->escape_anywhere; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *target;
      const char *presence = NULL;

      if (!pb_presence_status_is_online (status))
        continue;
      any_online = TRUE;

      target = state_id_in_lists (sim, pb_configuration_resolve_presence (sim->config,
                                                                          pb_presence_status_get_api_name (status),
                                                                          NULL));
      /* A state the account lacks is not set: the pick stays. */
      if (target == NULL)
        {
          sim->escape_anywhere = TRUE;
          break;
        }
      if (kind_of (sim, target) == PB_STATE_KIND_LOGGED_OUT)
        continue;

      g_hash_table_add (sim->escape_states, (char *)target);
      pb_configuration_resolve_state (sim->config, target, &presence);
      if (is_online (sim, presence))
        sim->escape_anywhere = TRUE;
    }

  /* An org without online statuses has no Omni-Channel work to miss. */
  if (!any_online)
    sim->escape_anywhere = TRUE;
}

static const char *
busy_state (Sim             *sim,
            PbCallDirection  direction)
{
  static const char * const words[] = { "inbound", "outbound", "external" };
  const char *id;

  if (sim->busy_states[direction] != NULL)
    return sim->busy_states[direction];

  /* The Busy minor named after the call, else Busy itself, else any Busy
   * minor (docs/simulation.md). */
  if ((id = pb_configuration_find_state (sim->config, PB_STATE_KIND_BUSY, TRUE, words[direction], NULL)) == NULL &&
      (id = pb_configuration_find_state (sim->config, PB_STATE_KIND_BUSY, FALSE, NULL, NULL)) == NULL)
    id = pb_configuration_find_state (sim->config, PB_STATE_KIND_BUSY, TRUE, NULL, NULL);

  sim->busy_states[direction] = id;
  return id;
}

static const char *
wrap_state (Sim *sim)
{
  if (sim->wrap_state == NULL &&
      (sim->wrap_state = pb_configuration_find_state (sim->config, PB_STATE_KIND_WRAP, FALSE, NULL, NULL)) == NULL)
    sim->wrap_state = pb_configuration_find_state (sim->config, PB_STATE_KIND_WRAP, TRUE, NULL, NULL);

  return sim->wrap_state;
}

/* The step's explanation */

static void
add_line (Sim  *sim,
          char *line)
{
  g_ptr_array_add (sim->explanation, line);
}

static void
add_event_line (Sim            *sim,
                PbPreviewEvent *event)
{
  add_line (sim, pb_preview_event_to_string (event));
}

static void
set_rule (Sim        *sim,
          const char *rule)
{
  sim->rule = rule;
}

/* Takes @sentence. */
static void
nothing_happens (Sim  *sim,
                 char *sentence)
{
  set_rule (sim, PB_SIM_RULE_NOTHING_HAPPENS);
  add_line (sim, sentence);
}

/* Flags */

static void
ensure_predictions (Sim *sim)
{
  static const char * const predicting[] = {
    PB_CHECK_BUSY_PRESENCE_TO_READY,
    PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE,
    PB_CHECK_ROUND_TRIP_MISMATCH,
    PB_CHECK_REVERT_INEFFECTIVE,
    NULL,
  };
  guint n;

  if (sim->predictions != NULL)
    return;

  sim->findings = pb_checks_run (sim->config);
  sim->predictions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  n = g_list_model_get_n_items (sim->findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (sim->findings, i);

      if (g_strv_contains (predicting, pb_finding_get_code (finding)))
        g_hash_table_insert (sim->predictions,
                             g_strconcat (pb_finding_get_code (finding), "\n",
                                          pb_finding_get_subject_id (finding), NULL),
                             finding);
    }
}

/* A flag carries the severity and the path of the finding of @check on
 * the same subject when the checks make one, so the window and the CLI
 * point at the row the checks point at; else a warning at @path (the
 * severity every flag's check has, docs/simulation.md). Takes @message. */
static void
add_flag (Sim        *sim,
          const char *code,
          const char *check,
          PbSubject   subject,
          const char *subject_id,
          const char *path,
          char       *message)
{
  g_autoptr(PbFinding) flag = NULL;
  g_autofree char *owned_message = message;
  g_autofree char *key = NULL;
  PbFinding *prediction = NULL;

  if (pb_sim_step_has_flag (sim->step, code, subject_id))
    return;

  if (check != NULL)
    {
      ensure_predictions (sim);
      key = g_strconcat (check, "\n", subject_id, NULL);
      prediction = g_hash_table_lookup (sim->predictions, key);
    }

  flag = pb_finding_new (code,
                         prediction ? pb_finding_get_severity (prediction) : PB_SEVERITY_WARNING,
                         prediction ? pb_finding_get_path (prediction) : path,
                         owned_message, subject, subject_id);
  pb_sim_step_add_flag (sim->step, flag);
}

static char *
dup_state_display_name (Sim        *sim,
                        const char *state_id)
{
  return pb_configuration_dup_state_display_name (sim->config, state_id);
}

static const char *
label_of (Sim        *sim,
          const char *api_name)
{
  return pb_configuration_get_presence_label (sim->config, api_name);
}

/* The agent's own busy status while the platform has them Ready. */
static void
flag_busy_choice_on_ready (Sim        *sim,
                           const char *api_name,
                           const char *state_id,
                           gboolean    restored)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  char *message;

  if (!is_busy_presence (sim, api_name) || kind_of (sim, state_id) != PB_STATE_KIND_READY)
    return;

  name = dup_state_display_name (sim, state_id);
  if (restored)
    /* Translators: a presence label, then a state name */
    message = g_strdup_printf (_("Revert to last status restored “%s”, which has no service channel, so Salesforce considers the agent busy, "
                                 "yet ContactPad has them in %s: the platform offers calls to a busy agent"),
                               label_of (sim, api_name), name);
  else
    /* Translators: a presence label, then a state name */
    message = g_strdup_printf (_("The agent picked “%s”, which has no service channel, so Salesforce considers them busy, "
                                 "yet ContactPad puts them in %s: the platform offers calls to an agent who chose to be busy"),
                               label_of (sim, api_name), name);

  path = g_strdup_printf ("presenceToState.%s", api_name);
  add_flag (sim, PB_SIM_FLAG_DOUBLE_ROUTING, PB_CHECK_BUSY_PRESENCE_TO_READY,
            PB_SUBJECT_PRESENCE, api_name, path, message);
}

/* Omni-Channel offers work while the platform has the agent busy, away or
 * wrapping up. */
static void
flag_online_while_unavailable (Sim *sim)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  if (!sim->logged_in || !is_unavailable_kind (kind_of (sim, sim->state)) || !is_online (sim, sim->presence))
    return;

  name = dup_state_display_name (sim, sim->state);
  if (sim->origin == ORIGIN_INTEGRATION)
    {
      path = g_strdup_printf ("stateToPresence.%s", sim->state);
      add_flag (sim, PB_SIM_FLAG_DOUBLE_ROUTING, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE,
                PB_SUBJECT_STATE, sim->state, path,
                /* Translators: a state name, then a presence label */
                g_strdup_printf (_("ContactPad has the agent in %s, yet Omni-Channel shows “%s”, which is online: "
                                   "Salesforce offers work to an agent who is busy, away or wrapping up"),
                                 name, label_of (sim, sim->presence)));
    }
  else
    {
      path = g_strdup_printf ("presenceToState.%s", sim->presence);
      add_flag (sim, PB_SIM_FLAG_DOUBLE_ROUTING, NULL,
                PB_SUBJECT_PRESENCE, sim->presence, path,
                /* Translators: a presence label, then a state name */
                g_strdup_printf (_("The agent picked “%s”, which is online, while ContactPad has them in %s: "
                                   "Salesforce offers work to an agent who is busy, away or wrapping up"),
                                 label_of (sim, sim->presence), name));
    }
}

/* The agent's pick gave way to the presence of the very state it set. */
static void
flag_choice_overwritten (Sim *sim)
{
  g_autofree char *path = NULL;
  const char *target;
  const char *choice = sim->choice;
  char *message;

  if (choice == NULL || sim->origin != ORIGIN_INTEGRATION || g_strcmp0 (sim->presence, choice) == 0)
    return;

  target = pb_configuration_resolve_presence (sim->config, choice, NULL);
  if (g_strcmp0 (target, sim->state) != 0)
    return;

  sim->choice = NULL;

  if (sim->presence == NULL)
    /* Translators: a presence label, then a state name */
    message = g_strdup_printf (_("The agent picked “%s”, but %s shows offline, so Omni-Channel takes the agent offline: "
                                 "the agent's own choice is replaced"),
                               label_of (sim, choice), pb_configuration_get_state_name (sim->config, target));
  else
    /* Translators: two presence labels, then a state name */
    message = g_strdup_printf (_("The agent picked “%s”, but Omni-Channel now shows “%s”, the status mapped to %s: "
                                 "the agent's own choice is replaced"),
                               label_of (sim, choice), label_of (sim, sim->presence),
                               pb_configuration_get_state_name (sim->config, target));

  path = g_strdup_printf ("presenceToState.%s", choice);
  add_flag (sim, PB_SIM_FLAG_CHOICE_OVERWRITTEN, PB_CHECK_ROUND_TRIP_MISMATCH,
            PB_SUBJECT_PRESENCE, choice, path, message);
}

static void
flag_revert_ineffective (Sim        *sim,
                         const char *post_call)
{
  g_autofree char *name = dup_state_display_name (sim, post_call);
  char *message;

  if (sim->before_call != NULL)
    /* Translators: a presence label, then a state name */
    message = g_strdup_printf (_("Revert to last status did not restore “%s”: it has no effect while Agent Post Call State is %s, "
                                 "so the agent gets the status mapped to that state"),
                               label_of (sim, sim->before_call), name);
  else
    /* Translators: a state name */
    message = g_strdup_printf (_("Revert to last status did not restore the agent's status: it has no effect while Agent Post Call State is %s, "
                                 "so the agent gets the status mapped to that state"),
                               name);

  add_flag (sim, PB_SIM_FLAG_REVERT_INEFFECTIVE, PB_CHECK_REVERT_INEFFECTIVE,
            PB_SUBJECT_SWITCHES, "revertToLastStatus", "revertToLastStatus", message);
}

/* Flagged when the agent gets there, not at every step they stay. */
static void
flag_stuck (Sim *sim)
{
  gboolean stuck = FALSE;

  if (sim->logged_in && !sim->in_call && !is_online (sim, sim->presence))
    {
      ensure_escapes (sim);
      stuck = !sim->escape_anywhere && !g_hash_table_contains (sim->escape_states, sim->state);
    }

  if (stuck && !sim->stuck)
    {
      g_autofree char *path = g_strdup_printf ("stateToPresence.%s", PB_STATE_ID_READY);

      add_flag (sim, PB_SIM_FLAG_STUCK, NULL, PB_SUBJECT_STATE, PB_STATE_ID_READY, path,
                g_strdup (_("The agent cannot get back to an online status: no agent state they can pick shows one, "
                            "and every online status they pick in Omni-Channel is replaced. Omni-Channel routes them no work.")));
    }

  sim->stuck = stuck;
}

/* Moves */

/* The platform's state becomes @state_id, and Omni-Channel shows what the
 * mapping says; nothing when the state has no presence at all (a major left
 * unmapped, which the checks report). */
static void
apply_state (Sim        *sim,
             const char *state_id)
{
  const char *presence = NULL;

  sim->state = state_id;
  if (pb_configuration_resolve_state (sim->config, state_id, &presence) == PB_RESOLUTION_NONE)
    return;

  sim->presence = presence;
  sim->origin = ORIGIN_INTEGRATION;
}

static void
enter_state (Sim        *sim,
             const char *state_id)
{
  g_autoptr(PbPreviewEvent) event = NULL;

  /* A state change's own event says it already. */
  if (sim->event != NULL &&
      pb_preview_event_get_kind (sim->event) == PB_PREVIEW_EVENT_STATE &&
      g_strcmp0 (pb_preview_event_get_subject_id (sim->event), state_id) == 0)
    event = g_object_ref (sim->event);
  else
    event = pb_preview_build_state_event (sim->config, state_id);

  add_event_line (sim, event);
  apply_state (sim, state_id);
}

static void
end_interaction (Sim *sim)
{
  sim->in_call = FALSE;
  sim->wrapping = FALSE;
}

static void
log_out (Sim *sim)
{
  sim->logged_in = FALSE;
  sim->state = PB_STATE_ID_LOGGED_OUT;
  sim->presence = NULL;
  sim->origin = ORIGIN_INTEGRATION;
  sim->choice = NULL;
  end_interaction (sim);
}

static gboolean
require_logged_in (Sim *sim)
{
  if (!sim->logged_in)
    nothing_happens (sim, g_strdup (_("Nothing happens: the agent is not logged in to ContactPad")));

  return sim->logged_in;
}

static void
play_log_in (Sim *sim)
{
  const char *ready;

  if (sim->logged_in)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is already logged in to ContactPad")));
      return;
    }

  add_event_line (sim, sim->event);
  set_rule (sim, PB_SIM_RULE_LOG_IN);

  sim->logged_in = TRUE;
  end_interaction (sim);
  ready = state_id_in_lists (sim, PB_STATE_ID_READY);
  apply_state (sim, ready ? ready : PB_STATE_ID_READY);
}

static void
play_log_out (Sim *sim)
{
  if (!sim->logged_in)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is already logged out of ContactPad")));
      return;
    }

  add_event_line (sim, sim->event);
  set_rule (sim, PB_SIM_RULE_LOG_OUT);
  log_out (sim);
}

static void
play_go_offline (Sim *sim)
{
  if (sim->presence == NULL)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is already offline in Omni-Channel")));
      return;
    }

  add_event_line (sim, sim->event);
  set_rule (sim, PB_SIM_RULE_GO_OFFLINE);
  log_out (sim);
}

static void
play_pick_presence (Sim        *sim,
                    const char *subject)
{
  PbPresenceStatus *status = lookup_presence (sim, subject);
  const char *api_name;
  const char *target;

  if (status == NULL)
    {
      /* Translators: %s is a presence status API name */
      nothing_happens (sim, g_strdup_printf (_("“%s” is not one of this configuration's presence statuses: nothing happens"),
                                             subject));
      return;
    }

  api_name = pb_presence_status_get_api_name (status);
  add_event_line (sim, sim->event);
  set_rule (sim, PB_SIM_RULE_PRESENCE_TO_STATE);

  sim->presence = api_name;
  sim->origin = ORIGIN_AGENT;
  sim->choice = api_name;

  if (!sim->logged_in)
    {
      set_rule (sim, PB_SIM_RULE_PICK_WHILE_LOGGED_OUT);
      add_line (sim, g_strdup (_("ContactPad stays logged out: the platform changes the state of a logged-in agent only")));
      return;
    }

  if (sim->in_call)
    {
      set_rule (sim, PB_SIM_RULE_PICK_DURING_CALL);
      /* Translators: %s is a state name */
      add_line (sim, g_strdup_printf (_("ContactPad stays in %s until the call ends"),
                                      pb_configuration_get_state_name (sim->config, sim->state)));
      return;
    }

  /* A state the account lacks cannot be set (the pick's sentence says so). */
  target = state_id_in_lists (sim, pb_configuration_resolve_presence (sim->config, api_name, NULL));
  if (target == NULL)
    return;

  end_interaction (sim);
  flag_busy_choice_on_ready (sim, api_name, target, FALSE);

  /* The platform reports a state when it changes, not when it stays. */
  if (g_strcmp0 (target, sim->state) == 0)
    return;

  if (kind_of (sim, target) == PB_STATE_KIND_LOGGED_OUT)
    {
      g_autoptr(PbPreviewEvent) logged_out = pb_preview_build_state_event (sim->config, target);

      add_event_line (sim, logged_out);
      log_out (sim);
      sim->state = target;
      sim->choice = api_name;
    }
  else
    {
      enter_state (sim, target);
    }

  if (g_strcmp0 (sim->presence, api_name) != 0)
    set_rule (sim, PB_SIM_RULE_ROUND_TRIP);
}

static void
play_state_change (Sim        *sim,
                   const char *subject)
{
  const char *state_id = state_id_in_lists (sim, subject);

  if (state_id == NULL)
    {
      /* Translators: %s is an agent state id */
      nothing_happens (sim, g_strdup_printf (_("%s is not one of this configuration's agent states: nothing happens"),
                                             subject));
      return;
    }

  if (!require_logged_in (sim))
    return;

  enter_state (sim, state_id);
  if (kind_of (sim, state_id) == PB_STATE_KIND_LOGGED_OUT)
    {
      set_rule (sim, PB_SIM_RULE_LOG_OUT);
      log_out (sim);
      sim->state = state_id;
      return;
    }

  set_rule (sim, PB_SIM_RULE_STATE_TO_PRESENCE);
  sim->choice = NULL;
  end_interaction (sim);
}

static void
play_call (Sim             *sim,
           PbCallDirection  direction)
{
  const char *busy;

  if (!require_logged_in (sim))
    return;

  if (sim->in_call || sim->wrapping)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is still in an interaction")));
      return;
    }

  if (direction == PB_CALL_INBOUND && kind_of (sim, sim->state) != PB_STATE_KIND_READY)
    {
      /* Translators: %s is a state name */
      nothing_happens (sim, g_strdup_printf (_("The platform routes no inbound call to an agent in %s: nothing happens"),
                                             pb_configuration_get_state_name (sim->config, sim->state)));
      return;
    }

  busy = busy_state (sim, direction);
  if (busy == NULL)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the account has no Busy state for calls")));
      return;
    }

  set_rule (sim, PB_SIM_RULE_CALL);
  sim->before_call = sim->presence;
  sim->direction = direction;
  sim->in_call = TRUE;
  enter_state (sim, busy);
}

static void
play_wrap_up (Sim *sim)
{
  const char *wrap;

  if (!require_logged_in (sim))
    return;

  if (!sim->in_call)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is not on a call")));
      return;
    }

  set_rule (sim, PB_SIM_RULE_WRAP_UP);
  sim->in_call = FALSE;
  sim->wrapping = TRUE;

  wrap = wrap_state (sim);
  if (wrap == NULL)
    {
      /* Translators: %s is a state name */
      add_line (sim, g_strdup_printf (_("The account has no Wrap up state: the agent stays in %s until the wrap time ends"),
                                      pb_configuration_get_state_name (sim->config, sim->state)));
      return;
    }

  enter_state (sim, wrap);
}

static void
play_post_call (Sim *sim)
{
  g_autoptr(PbPreviewEvent) event = NULL;
  const char *post_call;
  PbStateKind kind;
  gboolean inbound;
  gboolean revert;

  if (!require_logged_in (sim))
    return;

  if (!sim->in_call && !sim->wrapping)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the agent is not in an interaction")));
      return;
    }

  inbound = sim->direction == PB_CALL_INBOUND;
  end_interaction (sim);

  event = pb_preview_build_revert_event (sim->config, inbound);
  add_event_line (sim, event);

  /* The account's own setting, even when its list lacks that state (the
   * checks report it): the configuration keeps the string. */
  post_call = pb_configuration_get_agent_post_call_state (sim->config);
  kind = kind_of (sim, post_call);
  revert = pb_configuration_get_revert_to_last_status (sim->config) && inbound;

  if (revert && (kind == PB_STATE_KIND_READY || kind == PB_STATE_KIND_READY_OFFLINE))
    {
      set_rule (sim, PB_SIM_RULE_REVERT);
      sim->state = post_call;
      sim->presence = sim->before_call;
      sim->origin = ORIGIN_AGENT;
      flag_busy_choice_on_ready (sim, sim->presence, post_call, TRUE);
      return;
    }

  set_rule (sim, PB_SIM_RULE_POST_CALL);
  apply_state (sim, post_call);
  if (revert)
    flag_revert_ineffective (sim, post_call);
}

static void
play_chat (Sim *sim)
{
  const char *busy;

  if (!sim->logged_in)
    {
      nothing_happens (sim, g_strdup (_("The agent is not logged in to ContactPad, so its state does not change")));
      return;
    }

  if (sim->presence == NULL)
    {
      nothing_happens (sim, g_strdup (_("Omni-Channel routes no chat to an agent who is offline: nothing happens")));
      return;
    }

  if (!is_online (sim, sim->presence))
    {
      /* Translators: %s is a presence label */
      nothing_happens (sim, g_strdup_printf (_("Omni-Channel routes no chat to an agent in “%s”, which has no service channel: nothing happens"),
                                             label_of (sim, sim->presence)));
      return;
    }

  busy = busy_state (sim, PB_CALL_INBOUND);
  if (busy == NULL)
    {
      nothing_happens (sim, g_strdup (_("Nothing happens: the account has no Busy state for chats")));
      return;
    }

  add_event_line (sim, sim->event);
  set_rule (sim, PB_SIM_RULE_CHAT);
  enter_state (sim, busy);
}

/* The preview's event for the step, whose trigger is the step's own
 * sentence; NULL for calls and wrap-up, which the preview has not. */
static PbPreviewEvent *
build_event (Sim         *sim,
             PbDayScript *script,
             guint        index)
{
  const char *subject = pb_day_script_get_event_subject (script, index);

  switch (pb_day_script_get_event_type (script, index))
    {
    case PB_DAY_EVENT_LOG_IN:
      return pb_preview_build_fixed_event (sim->config, PB_PREVIEW_FIXED_LOG_IN);
    case PB_DAY_EVENT_LOG_OUT:
      return pb_preview_build_fixed_event (sim->config, PB_PREVIEW_FIXED_LOG_OUT);
    case PB_DAY_EVENT_GO_OFFLINE:
      return pb_preview_build_fixed_event (sim->config, PB_PREVIEW_FIXED_GO_OFFLINE);
    case PB_DAY_EVENT_CHAT:
      return pb_preview_build_fixed_event (sim->config, PB_PREVIEW_FIXED_CHAT);
    case PB_DAY_EVENT_PICK_PRESENCE:
      return pb_preview_build_presence_event (sim->config, subject);
    case PB_DAY_EVENT_STATE_CHANGE:
      return pb_preview_build_state_event (sim->config, subject);
    case PB_DAY_EVENT_POST_CALL:
      /* The outcome depends on the call; the trigger does not. */
      return pb_preview_build_revert_event (sim->config, TRUE);
    case PB_DAY_EVENT_CALL:
    case PB_DAY_EVENT_WRAP_UP:
    default:
      return NULL;
    }
}

static const char *
get_event_text (PbDayScript    *script,
                guint           index,
                PbPreviewEvent *event)
{
  if (event != NULL)
    return pb_preview_event_get_trigger (event);

  if (pb_day_script_get_event_type (script, index) == PB_DAY_EVENT_WRAP_UP)
    return _("The call ends");

  switch (pb_day_script_get_call_direction (script, index))
    {
    case PB_CALL_OUTBOUND:
      return _("Agent makes an outbound call");
    case PB_CALL_EXTERNAL:
      return _("Agent makes an external call");
    case PB_CALL_INBOUND:
    default:
      return _("An inbound call arrives");
    }
}

static PbSimStep *
play_event (Sim         *sim,
            PbDayScript *script,
            guint        index)
{
  g_autoptr(PbPreviewEvent) event = build_event (sim, script, index);
  PbDayEventType type = pb_day_script_get_event_type (script, index);
  const char *subject = pb_day_script_get_event_subject (script, index);
  const char *state_before = sim->state;
  const char *presence_before = sim->presence;
  PbSimChange changes = PB_SIM_CHANGE_NONE;
  PbSimStep *step;

  if (type == PB_DAY_EVENT_CALL)
    subject = pb_call_direction_to_string (pb_day_script_get_call_direction (script, index));

  step = pb_sim_step_new (index, type, subject, get_event_text (script, index, event));
  sim->step = step;
  sim->event = event;
  sim->explanation = g_ptr_array_new ();

  switch (type)
    {
    case PB_DAY_EVENT_LOG_IN:
      play_log_in (sim);
      break;
    case PB_DAY_EVENT_LOG_OUT:
      play_log_out (sim);
      break;
    case PB_DAY_EVENT_GO_OFFLINE:
      play_go_offline (sim);
      break;
    case PB_DAY_EVENT_PICK_PRESENCE:
      play_pick_presence (sim, subject);
      break;
    case PB_DAY_EVENT_STATE_CHANGE:
      play_state_change (sim, subject);
      break;
    case PB_DAY_EVENT_CALL:
      play_call (sim, pb_day_script_get_call_direction (script, index));
      break;
    case PB_DAY_EVENT_CHAT:
      play_chat (sim);
      break;
    case PB_DAY_EVENT_WRAP_UP:
      play_wrap_up (sim);
      break;
    case PB_DAY_EVENT_POST_CALL:
    default:
      play_post_call (sim);
    }

  if (g_strcmp0 (state_before, sim->state) != 0)
    changes |= PB_SIM_CHANGE_STATE;
  if (g_strcmp0 (presence_before, sim->presence) != 0)
    changes |= PB_SIM_CHANGE_PRESENCE;

  if (changes != PB_SIM_CHANGE_NONE)
    {
      flag_choice_overwritten (sim);
      flag_online_while_unavailable (sim);
    }
  flag_stuck (sim);

  pb_sim_step_set_agent (step, sim->state,
                         sim->logged_in || state_id_in_lists (sim, sim->state) != NULL ?
                           pb_configuration_get_state_name (sim->config, sim->state) : _("Logged out"),
                         sim->logged_in,
                         sim->presence, sim->presence ? label_of (sim, sim->presence) : NULL,
                         is_online (sim, sim->presence), changes);

  g_ptr_array_add (sim->explanation, NULL);
  pb_sim_step_set_rule (step, sim->rule, (GStrv)g_ptr_array_free (sim->explanation, FALSE));
  sim->explanation = NULL;
  sim->step = NULL;
  sim->event = NULL;

  return step;
}

static GListModel *
run (PbConfiguration  *configuration,
     PbDayScript      *script,
     GCancellable     *cancellable,
     GError          **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  guint n = pb_day_script_get_n_events (script);
  GListStore *store;
  Sim sim;

  steps = g_ptr_array_new_full (n, g_object_unref);
  sim_init (&sim, configuration);

  for (guint i = 0; i < n; i++)
    {
      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sim_clear (&sim);
          return NULL;
        }

      g_ptr_array_add (steps, play_event (&sim, script, i));
    }

  sim_clear (&sim);

  /* One splice, not thousands of appends: a bound view updates once. */
  store = g_list_store_new (PB_TYPE_SIM_STEP);
  g_list_store_splice (store, 0, 0, steps->pdata, steps->len);

  return G_LIST_MODEL (store);
}

/**
 * pb_simulation_run:
 *
 * Returns: (transfer full): a #GListModel of #PbSimStep
 */
GListModel *
pb_simulation_run (PbConfiguration *configuration,
                   PbDayScript     *script)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (script), NULL);

  return run (configuration, script, NULL, NULL);
}

typedef struct
{
  PbConfiguration *configuration;
  PbDayScript *script;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run_data = data;

  g_clear_object (&run_data->configuration);
  g_clear_object (&run_data->script);
  g_free (run_data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *run_data = task_data;
  GError *error = NULL;
  GListModel *steps;

  steps = run (run_data->configuration, run_data->script, cancellable, &error);
  if (steps == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, steps, g_object_unref);
}

void
pb_simulation_run_async (PbConfiguration     *configuration,
                         PbDayScript         *script,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run_data;

  g_return_if_fail (PB_IS_CONFIGURATION (configuration));
  g_return_if_fail (PB_IS_DAY_SCRIPT (script));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* A day script does not change once built; the configuration does, in
   * the window, so the thread gets a copy of it. */
  run_data = g_new0 (RunData, 1);
  run_data->configuration = pb_configuration_copy (configuration);
  run_data->script = g_object_ref (script);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_simulation_run_async);
  g_task_set_task_data (task, run_data, run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * pb_simulation_run_finish:
 *
 * Returns: (transfer full): a #GListModel of #PbSimStep, or %NULL with
 *   @error set (cancelled)
 */
GListModel *
pb_simulation_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_simulation_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pb_simulation_compare:
 *
 * Returns: (transfer full): a #GListModel of #PbSimComparison, one per step
 */
GListModel *
pb_simulation_compare (GListModel *before,
                       GListModel *after)
{
  g_autoptr(GPtrArray) comparisons = NULL;
  GListStore *store;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (before), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (after), NULL);
  g_return_val_if_fail (g_list_model_get_n_items (before) == g_list_model_get_n_items (after), NULL);

  n = g_list_model_get_n_items (before);
  comparisons = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimStep) a = g_list_model_get_item (before, i);
      g_autoptr(PbSimStep) b = g_list_model_get_item (after, i);

      g_ptr_array_add (comparisons, pb_sim_comparison_new (a, b));
    }

  store = g_list_store_new (PB_TYPE_SIM_COMPARISON);
  g_list_store_splice (store, 0, 0, comparisons->pdata, comparisons->len);

  return G_LIST_MODEL (store);
}

guint
pb_simulation_count_flags (GListModel *steps,
                           PbSeverity  severity)
{
  guint count = 0;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (steps), 0);

  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (steps, i);

      for (guint f = 0; f < pb_sim_step_get_n_flags (step); f++)
        if (pb_finding_get_severity (pb_sim_step_get_flag (step, f)) == severity)
          count++;
    }

  return count;
}
