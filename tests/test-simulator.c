/* test-simulator.c: an agent's day, step by step, against domain.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-test-fixtures.h"

#define HEAD "{\"format\":\"presence-bridge-day\",\"version\":1,\"events\":["

static PbDayScript *
day (const char *events)
{
  g_autofree char *text = g_strconcat (HEAD, events, "]}", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  PbDayScript *script = pb_day_script_load_bytes (bytes, &error);

  g_assert_no_error (error);
  return script;
}

static GListModel *
run_text (PbConfiguration *config,
          const char      *events)
{
  g_autoptr(PbDayScript) script = day (events);

  return pb_simulation_run (config, script);
}

static PbSimStep *
step_at (GListModel *steps,
         guint       index)
{
  PbSimStep *step = g_list_model_get_item (steps, index);

  /* The list holds its own reference. */
  g_object_unref (step);
  return step;
}

static guint
count_all_flags (GListModel *steps)
{
  return pb_simulation_count_flags (steps, PB_SEVERITY_ERROR) +
         pb_simulation_count_flags (steps, PB_SEVERITY_WARNING) +
         pb_simulation_count_flags (steps, PB_SEVERITY_INFO);
}

/* One step as the window's two columns show it. */
static void
assert_step (PbSimStep  *step,
             const char *state_id,
             const char *presence,
             const char *rule,
             guint       n_flags)
{
  if (g_strcmp0 (pb_sim_step_get_state_id (step), state_id) != 0 ||
      g_strcmp0 (pb_sim_step_get_presence (step), presence) != 0 ||
      g_strcmp0 (pb_sim_step_get_rule (step), rule) != 0 ||
      pb_sim_step_get_n_flags (step) != n_flags)
    g_error ("step %u (%s): %s / %s / %s / %u flags; expected %s / %s / %s / %u",
             pb_sim_step_get_index (step) + 1, pb_sim_step_get_event_text (step),
             pb_sim_step_get_state_id (step), pb_sim_step_get_presence (step),
             pb_sim_step_get_rule (step), pb_sim_step_get_n_flags (step),
             state_id, presence, rule, n_flags);
}

static gboolean
has_line (GListModel *steps,
          const char *line)
{
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    if (g_strv_contains (pb_sim_step_get_explanation (step_at (steps, i)), line))
      return TRUE;

  return FALSE;
}

static void
test_worked_example_default_day (void)
{
  /* domain.md, "What the administrator should be able to read back". */
  static const char * const domain_lines[] = {
    "Agent goes offline in Omni-Channel → logged out of ContactPad",
    "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”",
    "Agent picks “On a call” → ContactPad state Away",
    "Agent picks “Away from desk (temporary)” → ContactPad state Break",
    "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”",
    "Agent logs out of ContactPad → offline in Omni-Channel",
  };
  static const struct {
    const char *event;
    const char *state;
    const char *presence;
    const char *rule;
    guint n_flags;
  } expected[] = {
    { "Agent logs in to ContactPad", "ready", "Ready_for_Cases", "log_in", 0 },
    { "Agent picks “Ready for chats”", "ready", "Ready_for_Chats", "presence_to_state", 0 },
    { "An inbound call arrives", "busy.inbound", "On_a_call", "call", 0 },
    { "The call ends", "wrap", "Taking_notes", "wrap_up", 0 },
    { "Agent finishes an interaction", "ready", "Ready_for_Cases", "post_call", 1 },
    { "Salesforce assigns a chat", "busy.inbound", "On_a_call", "chat", 0 },
    { "Agent picks “Away from desk (temporary)”", "away.break", "Away_from_desk_temporary", "presence_to_state", 0 },
    { "ContactPad state becomes Lunch", "away.lunch", "Away_from_desk_temporary", "state_to_presence", 0 },
    { "Agent picks “Taking notes”", "ready", "Ready_for_Cases", "round_trip", 2 },
    { "Agent picks “On a call”", "away", "Away_from_desk_temporary", "round_trip", 1 },
    { "Agent makes an outbound call", "busy.outbound", "On_a_call", "call", 0 },
    { "The call ends", "wrap", "Taking_notes", "wrap_up", 0 },
    { "Agent finishes an interaction", "ready", "Ready_for_Cases", "post_call", 0 },
    { "Agent goes offline in Omni-Channel", "logged_out", NULL, "go_offline", 0 },
    { "Agent logs in to ContactPad", "ready", "Ready_for_Cases", "log_in", 0 },
    { "Agent logs out of ContactPad", "logged_out", NULL, "log_out", 0 },
  };
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = pb_day_script_new_default (config);
  g_autoptr(GListModel) steps = pb_simulation_run (config, script);
  PbSimStep *step;

  g_assert_true (g_list_model_get_item_type (steps) == PB_TYPE_SIM_STEP);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      step = step_at (steps, i);
      g_assert_cmpuint (pb_sim_step_get_index (step), ==, i);
      g_assert_cmpstr (pb_sim_step_get_event_text (step), ==, expected[i].event);
      assert_step (step, expected[i].state, expected[i].presence, expected[i].rule, expected[i].n_flags);
    }

  /* The day reads as domain.md's event list, in its very words. */
  for (guint i = 0; i < G_N_ELEMENTS (domain_lines); i++)
    if (!has_line (steps, domain_lines[i]))
      g_error ("the default day lacks “%s”", domain_lines[i]);

  /* What each column shows. */
  step = step_at (steps, 6);
  g_assert_cmpstr (pb_sim_step_get_state_name (step), ==, "Break");
  g_assert_cmpstr (pb_sim_step_get_presence_label (step), ==, "Away from desk (temporary)");
  g_assert_false (pb_sim_step_get_presence_online (step));
  g_assert_true (pb_sim_step_get_logged_in (step));
  g_assert_cmpint (pb_sim_step_get_changes (step), ==, PB_SIM_CHANGE_STATE | PB_SIM_CHANGE_PRESENCE);
  g_assert_cmpstr (pb_sim_step_get_event_subject (step), ==, "Away_from_desk_temporary");
  step = step_at (steps, 15);
  g_assert_cmpstr (pb_sim_step_get_state_name (step), ==, "Logged out");
  g_assert_null (pb_sim_step_get_presence_label (step));
  g_assert_false (pb_sim_step_get_logged_in (step));
  step = step_at (steps, 2);
  g_assert_cmpstr (pb_sim_step_get_event_subject (step), ==, "inbound");
  g_assert_cmpint (pb_sim_step_get_event_type (step), ==, PB_DAY_EVENT_CALL);
  g_assert_cmpstr (pb_sim_step_get_explanation (step)[0], ==,
                   "ContactPad state becomes Busy Inbound → Omni-Channel shows “On a call” (same as Busy)");
}

/* The checks' warnings and the flags of the default day say the same
 * things about the same rows: a flag for every warning, nothing else. */
static void
test_worked_example_flags_where_checks_warn (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = pb_day_script_new_default (config);
  g_autoptr(GListModel) steps = pb_simulation_run (config, script);
  g_autoptr(GListModel) findings = pb_checks_run (config);
  g_autoptr(GHashTable) warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) flagged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PbSimStep *step;
  PbFinding *flag;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (pb_finding_get_severity (finding) == PB_SEVERITY_WARNING)
        g_hash_table_add (warned, g_strdup_printf ("%s %s %s", pb_finding_get_code (finding),
                                                   pb_finding_get_path (finding),
                                                   pb_severity_to_string (pb_finding_get_severity (finding))));
    }

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      step = step_at (steps, i);
      for (guint f = 0; f < pb_sim_step_get_n_flags (step); f++)
        {
          const char *check;

          flag = pb_sim_step_get_flag (step, f);
          if (g_str_equal (pb_finding_get_code (flag), PB_SIM_FLAG_CHOICE_OVERWRITTEN))
            check = PB_CHECK_ROUND_TRIP_MISMATCH;
          else if (g_str_equal (pb_finding_get_code (flag), PB_SIM_FLAG_DOUBLE_ROUTING))
            check = PB_CHECK_BUSY_PRESENCE_TO_READY;
          else
            g_error ("unexpected flag %s at step %u", pb_finding_get_code (flag), i + 1);

          g_hash_table_add (flagged, g_strdup_printf ("%s %s %s", check, pb_finding_get_path (flag),
                                                      pb_severity_to_string (pb_finding_get_severity (flag))));
        }
    }

  g_assert_cmpuint (g_hash_table_size (warned), ==, 4);
  g_assert_cmpuint (g_hash_table_size (flagged), ==, g_hash_table_size (warned));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, warned);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (flagged, key))
        g_error ("the checks warn “%s”, the day does not show it", (const char *)key);
  }

  /* Where they fall: the post-call that replaces “Ready for chats”, the
   * pick of “Taking notes”, the pick of “On a call”. */
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 4), PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats"));
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 8), PB_SIM_FLAG_DOUBLE_ROUTING, "Taking_notes"));
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 8), PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Taking_notes"));
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 9), PB_SIM_FLAG_CHOICE_OVERWRITTEN, "On_a_call"));

  flag = pb_sim_step_get_flag (step_at (steps, 9), 0);
  g_assert_cmpint (pb_finding_get_subject (flag), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_message (flag), ==,
                   "The agent picked “On a call”, but Omni-Channel now shows “Away from desk (temporary)”, "
                   "the status mapped to Away: the agent's own choice is replaced");
  flag = pb_sim_step_get_flag (step_at (steps, 8), 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_DOUBLE_ROUTING);
  g_assert_cmpstr (pb_finding_get_message (flag), ==,
                   "The agent picked “Taking notes”, which has no service channel, so Salesforce considers them busy, "
                   "yet ContactPad puts them in Ready: the platform offers calls to an agent who chose to be busy");
}

/* A busy status mapped to Ready: double routing where the agent picks it,
 * whether the pick changes the state or not. */
static void
test_busy_presence_to_ready (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) from_ready = NULL;
  g_autoptr(GListModel) from_away = NULL;
  PbSimStep *step;
  PbFinding *flag;

  pb_configuration_set_presence_mapping (config, "On_a_call", "ready");

  from_ready = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"}");
  step = step_at (from_ready, 1);
  /* The state does not change, so nothing replaces the pick: Omni-Channel
   * keeps the agent busy while the platform offers calls. */
  assert_step (step, "ready", "On_a_call", "presence_to_state", 1);
  flag = pb_sim_step_get_flag (step, 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_DOUBLE_ROUTING);
  g_assert_cmpint (pb_finding_get_severity (flag), ==, PB_SEVERITY_WARNING);
  g_assert_cmpstr (pb_finding_get_path (flag), ==, "presenceToState.On_a_call");
  g_assert_cmpint (pb_finding_get_subject (flag), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (flag), ==, "On_a_call");

  from_away = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"state-change\",\"state\":\"away\"},"
                        "{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"}");
  step = step_at (from_away, 2);
  assert_step (step, "ready", "Ready_for_Cases", "round_trip", 2);
  g_assert_true (pb_sim_step_has_flag (step, PB_SIM_FLAG_DOUBLE_ROUTING, "On_a_call"));
  g_assert_true (pb_sim_step_has_flag (step, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "On_a_call"));
}

/* Every warning of the two double-routing checks, on a large generated
 * profile, is a double_routing flag of the sweep at the step that picks
 * the status or enters the state, with the check's severity and path. */
static void
test_every_status_always (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (500, 100, 3);
  g_autoptr(PbDayScript) script = pb_day_script_new_every_status (config);
  g_autoptr(GListModel) steps = pb_simulation_run (config, script);
  g_autoptr(GListModel) findings = pb_checks_run (config);
  g_autoptr(GHashTable) steps_by_subject = g_hash_table_new (g_str_hash, g_str_equal);
  guint checked = 0;

  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, pb_day_script_get_n_events (script));
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      PbSimStep *step = step_at (steps, i);

      if (pb_sim_step_get_event_subject (step) != NULL &&
          pb_sim_step_get_event_type (step) != PB_DAY_EVENT_CALL)
        g_hash_table_insert (steps_by_subject, (char *)pb_sim_step_get_event_subject (step), step);
    }

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      const char *code = pb_finding_get_code (finding);
      PbSimStep *step;

      if (!g_str_equal (code, PB_CHECK_BUSY_PRESENCE_TO_READY) &&
          !g_str_equal (code, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE))
        continue;

      step = g_hash_table_lookup (steps_by_subject, pb_finding_get_subject_id (finding));
      g_assert_nonnull (step);
      if (!pb_sim_step_has_flag (step, PB_SIM_FLAG_DOUBLE_ROUTING, pb_finding_get_subject_id (finding)))
        g_error ("%s: %s is not flagged at step %u", code, pb_finding_get_subject_id (finding),
                 pb_sim_step_get_index (step) + 1);

      for (guint f = 0; f < pb_sim_step_get_n_flags (step); f++)
        {
          PbFinding *flag = pb_sim_step_get_flag (step, f);

          if (g_str_equal (pb_finding_get_code (flag), PB_SIM_FLAG_DOUBLE_ROUTING) &&
              g_str_equal (pb_finding_get_subject_id (flag), pb_finding_get_subject_id (finding)))
            {
              g_assert_cmpint (pb_finding_get_severity (flag), ==, pb_finding_get_severity (finding));
              g_assert_cmpstr (pb_finding_get_path (flag), ==, pb_finding_get_path (finding));
            }
        }
      checked++;
    }

  /* The generated profile has plenty of both. */
  g_assert_cmpuint (checked, >, 50);
}

typedef struct
{
  gboolean revert;
  const char *post_call;
  const char *state;
  const char *presence;
  const char *rule;
  const char *flag;    /* or NULL */
  const char *subject;
} RevertCase;

/* Revert to last status on and off, with each post-call state, after an
 * inbound call that began in “Ready for chats”. */
static void
test_revert (void)
{
  static const RevertCase cases[] = {
    { FALSE, "ready", "ready", "Ready_for_Cases", "post_call", PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats" },
    { TRUE, "ready", "ready", "Ready_for_Chats", "revert", NULL, NULL },
    { FALSE, "ready_offline", "ready_offline", "Taking_notes", "post_call", NULL, NULL },
    { TRUE, "ready_offline", "ready_offline", "Ready_for_Chats", "revert", NULL, NULL },
    { FALSE, "wrap", "wrap", "Taking_notes", "post_call", NULL, NULL },
    { TRUE, "wrap", "wrap", "Taking_notes", "post_call", PB_SIM_FLAG_REVERT_INEFFECTIVE, "revertToLastStatus" },
    { FALSE, "away.break", "away.break", "Away_from_desk_temporary", "post_call", NULL, NULL },
    { TRUE, "away.break", "away.break", "Away_from_desk_temporary", "post_call", PB_SIM_FLAG_REVERT_INEFFECTIVE, "revertToLastStatus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbConfiguration) config = pb_test_worked_example ();
      g_autoptr(GListModel) steps = NULL;
      PbSimStep *step;

      pb_configuration_set_revert_to_last_status (config, cases[i].revert);
      pb_configuration_set_agent_post_call_state (config, cases[i].post_call);
      steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\"},"
                        "{\"event\":\"call\",\"direction\":\"inbound\"},{\"event\":\"wrap-up\"},{\"event\":\"post-call\"}");
      step = step_at (steps, 4);
      assert_step (step, cases[i].state, cases[i].presence, cases[i].rule, cases[i].flag ? 1 : 0);
      if (cases[i].flag != NULL)
        {
          PbFinding *flag = pb_sim_step_get_flag (step, 0);

          g_assert_cmpstr (pb_finding_get_code (flag), ==, cases[i].flag);
          g_assert_cmpstr (pb_finding_get_subject_id (flag), ==, cases[i].subject);
          g_assert_cmpint (pb_finding_get_severity (flag), ==, PB_SEVERITY_WARNING);
        }
      if (g_strcmp0 (cases[i].flag, PB_SIM_FLAG_REVERT_INEFFECTIVE) == 0)
        {
          PbFinding *flag = pb_sim_step_get_flag (step, 0);

          g_assert_cmpint (pb_finding_get_subject (flag), ==, PB_SUBJECT_SWITCHES);
          g_assert_cmpstr (pb_finding_get_path (flag), ==, "revertToLastStatus");
          g_assert_nonnull (strstr (pb_finding_get_message (flag), "did not restore “Ready for chats”"));
        }
    }
}

static void
test_revert_inbound_only (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  PbSimStep *step;

  pb_configuration_set_revert_to_last_status (config, TRUE);
  pb_configuration_set_agent_post_call_state (config, "wrap");
  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\"},"
                    "{\"event\":\"call\",\"direction\":\"outbound\"},{\"event\":\"post-call\"}");

  /* Revert does not apply after an outbound call, so its post-call state
   * does not make it ineffective either: no flag. */
  step = step_at (steps, 3);
  assert_step (step, "wrap", "Taking_notes", "post_call", 0);
  g_assert_cmpstr (pb_sim_step_get_explanation (step)[0], ==,
                   "Agent finishes an interaction → Omni-Channel shows “Taking notes” (mapped to Wrap up); "
                   "Revert to last status applies after inbound interactions only");
}

/* Restoring a busy status the agent had on Ready is double routing too. */
static void
test_revert_restores_busy (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  PbSimStep *step;
  PbFinding *flag;

  pb_configuration_set_revert_to_last_status (config, TRUE);
  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Taking_notes\"},"
                    "{\"event\":\"call\",\"direction\":\"inbound\"},{\"event\":\"post-call\"}");

  /* Ready with “Taking notes” picked: the platform offers the call. */
  assert_step (step_at (steps, 1), "ready", "Taking_notes", "presence_to_state", 1);
  step = step_at (steps, 3);
  assert_step (step, "ready", "Taking_notes", "revert", 1);
  flag = pb_sim_step_get_flag (step, 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_DOUBLE_ROUTING);
  g_assert_true (g_str_has_prefix (pb_finding_get_message (flag), "Revert to last status restored “Taking notes”"));
}

static void
test_chat (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(GListModel) no_inbound = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list;
  PbSimStep *step;

  steps = run_text (config, "{\"event\":\"chat\"},{\"event\":\"log-in\"},{\"event\":\"chat\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"},{\"event\":\"chat\"},"
                    "{\"event\":\"state-change\",\"state\":\"ready\"},{\"event\":\"go-offline\"},{\"event\":\"chat\"}");

  assert_step (step_at (steps, 0), "logged_out", NULL, "nothing_happens", 0);
  step = step_at (steps, 2);
  /* domain.md: a chat from Salesforce puts the agent in Busy Inbound. */
  assert_step (step, "busy.inbound", "On_a_call", "chat", 0);
  g_assert_cmpstr (pb_sim_step_get_explanation (step)[0], ==,
                   "Salesforce assigns a chat → ContactPad state Busy Inbound; nothing is routed by the platform while in it");
  /* A busy status and offline get no chat. */
  assert_step (step_at (steps, 4), "away", "Away_from_desk_temporary", "nothing_happens", 0);
  g_assert_cmpstr (pb_sim_step_get_explanation (step_at (steps, 4))[0], ==,
                   "Omni-Channel routes no chat to an agent in “Away from desk (temporary)”, which has no service channel: nothing happens");
  assert_step (step_at (steps, 7), "logged_out", NULL, "nothing_happens", 0);

  /* An account whose Busy has no “inbound” minor: Busy itself. */
  list = pb_configuration_get_agent_states (config);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (list, i);

      if (!g_str_equal (pb_agent_state_get_id (state), "busy.inbound"))
        g_ptr_array_add (states, g_object_ref (state));
    }
  pb_configuration_set_agent_states (config, states);
  no_inbound = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"chat\"}");
  assert_step (step_at (no_inbound, 1), "busy", "On_a_call", "chat", 0);
}

/* A minor state with no mapping of its own uses its major's. */
static void
test_minors_inherit (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;

  pb_configuration_set_state_mapping (config, "away.training", "Taking_notes");
  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"state-change\",\"state\":\"away.meeting\"},"
                    "{\"event\":\"state-change\",\"state\":\"away.training\"},"
                    "{\"event\":\"call\",\"direction\":\"external\"}");

  assert_step (step_at (steps, 1), "away.meeting", "Away_from_desk_temporary", "state_to_presence", 0);
  g_assert_cmpstr (pb_sim_step_get_explanation (step_at (steps, 1))[0], ==,
                   "ContactPad state becomes Meeting → Omni-Channel shows “Away from desk (temporary)” (same as Away)");
  assert_step (step_at (steps, 2), "away.training", "Taking_notes", "state_to_presence", 0);
  assert_step (step_at (steps, 3), "busy.external", "On_a_call", "call", 0);
}

/* A busy state showing an online status: double routing on entering it,
 * reported on the state (inherited or not), as the checks do. */
static void
test_online_for_busy_state (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  PbSimStep *step;
  PbFinding *flag;

  pb_configuration_set_state_mapping (config, "away", "Ready_for_Chats");
  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"state-change\",\"state\":\"away.lunch\"},"
                    "{\"event\":\"state-change\",\"state\":\"away.lunch\"}");

  step = step_at (steps, 1);
  assert_step (step, "away.lunch", "Ready_for_Chats", "state_to_presence", 1);
  flag = pb_sim_step_get_flag (step, 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_DOUBLE_ROUTING);
  g_assert_cmpstr (pb_finding_get_path (flag), ==, "stateToPresence.away.lunch");
  g_assert_cmpint (pb_finding_get_subject (flag), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_message (flag), ==,
                   "ContactPad has the agent in Away › Lunch, yet Omni-Channel shows “Ready for chats”, which is online: "
                   "Salesforce offers work to an agent who is busy, away or wrapping up");
  /* Entering the same state again changes nothing, and says nothing new. */
  assert_step (step_at (steps, 2), "away.lunch", "Ready_for_Chats", "state_to_presence", 0);
}

/* Picking during a call: the platform keeps the call's state; an online
 * pick there is double routing that no check predicts. */
static void
test_pick_during_call (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  PbSimStep *step;
  PbFinding *flag;

  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"call\",\"direction\":\"inbound\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\"},{\"event\":\"wrap-up\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Cases\"},{\"event\":\"post-call\"}");

  step = step_at (steps, 2);
  assert_step (step, "busy.inbound", "Ready_for_Chats", "pick_during_call", 1);
  g_assert_cmpstr (pb_sim_step_get_explanation (step)[1], ==, "ContactPad stays in Busy Inbound until the call ends");
  flag = pb_sim_step_get_flag (step, 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_DOUBLE_ROUTING);
  g_assert_cmpint (pb_finding_get_severity (flag), ==, PB_SEVERITY_WARNING);
  g_assert_cmpstr (pb_finding_get_path (flag), ==, "presenceToState.Ready_for_Chats");

  /* During wrap-up a pick applies, and ends the interaction. */
  assert_step (step_at (steps, 4), "ready", "Ready_for_Cases", "presence_to_state", 0);
  assert_step (step_at (steps, 5), "ready", "Ready_for_Cases", "nothing_happens", 0);
}

static void
test_pick_while_logged_out (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;

  steps = run_text (config, "{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\"},{\"event\":\"log-in\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"},{\"event\":\"go-offline\"}");

  assert_step (step_at (steps, 0), "logged_out", "Ready_for_Chats", "pick_while_logged_out", 0);
  g_assert_false (pb_sim_step_get_logged_in (step_at (steps, 0)));
  /* Logging in shows Ready's presence: the earlier pick gives way. */
  assert_step (step_at (steps, 1), "ready", "Ready_for_Cases", "log_in", 1);
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 1), PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats"));
  assert_step (step_at (steps, 3), "logged_out", NULL, "go_offline", 0);
}

/* A status mapped to Logged out logs the agent out: offline, and their
 * pick replaced. */
static void
test_pick_logs_out (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  PbSimStep *step;

  pb_configuration_set_presence_mapping (config, "Taking_notes", "logged_out");
  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Taking_notes\"}");
  step = step_at (steps, 1);
  assert_step (step, "logged_out", NULL, "round_trip", 1);
  g_assert_false (pb_sim_step_get_logged_in (step));
  g_assert_cmpstr (pb_finding_get_message (pb_sim_step_get_flag (step, 0)), ==,
                   "The agent picked “Taking notes”, but Logged out shows offline, so Omni-Channel takes the agent offline: "
                   "the agent's own choice is replaced");
}

static void
test_nothing_happens (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  static const char * const sentences[] = {
    "Nothing happens: the agent is already logged out of ContactPad",
    "Nothing happens: the agent is not logged in to ContactPad",
    "Nothing happens: the agent is not logged in to ContactPad",
    NULL,
    "Nothing happens: the agent is already logged in to ContactPad",
    "Nothing happens: the agent is not on a call",
    "Nothing happens: the agent is not in an interaction",
    NULL,
    "The platform routes no inbound call to an agent in Break: nothing happens",
    "“Gone_status” is not one of this configuration's presence statuses: nothing happens",
    "away.nap is not one of this configuration's agent states: nothing happens",
    NULL,
    "Nothing happens: the agent is still in an interaction",
  };

  steps = run_text (config, "{\"event\":\"log-out\"},{\"event\":\"call\",\"direction\":\"outbound\"},"
                    "{\"event\":\"state-change\",\"state\":\"away\"},"
                    "{\"event\":\"log-in\"},{\"event\":\"log-in\"},{\"event\":\"wrap-up\"},{\"event\":\"post-call\"},"
                    "{\"event\":\"state-change\",\"state\":\"away.break\"},{\"event\":\"call\",\"direction\":\"inbound\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"Gone_status\"},"
                    "{\"event\":\"state-change\",\"state\":\"away.nap\"},"
                    "{\"event\":\"call\",\"direction\":\"outbound\"},{\"event\":\"call\",\"direction\":\"external\"}");

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      PbSimStep *step = step_at (steps, i);

      if (sentences[i] == NULL)
        continue;

      g_assert_cmpstr (pb_sim_step_get_rule (step), ==, PB_SIM_RULE_NOTHING_HAPPENS);
      g_assert_cmpstr (pb_sim_step_get_explanation (step)[0], ==, sentences[i]);
      g_assert_null (pb_sim_step_get_explanation (step)[1]);
      g_assert_cmpint (pb_sim_step_get_changes (step), ==, PB_SIM_CHANGE_NONE);
      g_assert_cmpuint (pb_sim_step_get_n_flags (step), ==, 0);
    }

  /* The unknown ones still name what the script said. */
  g_assert_cmpstr (pb_sim_step_get_event_text (step_at (steps, 9)), ==, "Agent picks “Gone_status”");
  g_assert_cmpstr (pb_sim_step_get_event_text (step_at (steps, 10)), ==, "ContactPad state becomes away.nap");
}

/* No state the agent can pick shows an online status, and every online
 * status comes back busy from where the agent is: stuck, flagged once on
 * arrival. */
static void
test_stuck (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(GListModel) unstuck = NULL;
  PbSimStep *step;
  PbFinding *flag;

  pb_configuration_set_state_mapping (config, "ready", "Taking_notes");
  pb_configuration_set_presence_mapping (config, "Ready_for_Cases", "away");
  pb_configuration_set_presence_mapping (config, "Ready_for_Chats", "away.break");

  steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"state-change\",\"state\":\"ready_offline\"},"
                    "{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\"},"
                    "{\"event\":\"state-change\",\"state\":\"away\"},{\"event\":\"log-out\"},{\"event\":\"log-in\"}");

  step = step_at (steps, 0);
  assert_step (step, "ready", "Taking_notes", "log_in", 1);
  flag = pb_sim_step_get_flag (step, 0);
  g_assert_cmpstr (pb_finding_get_code (flag), ==, PB_SIM_FLAG_STUCK);
  g_assert_cmpint (pb_finding_get_severity (flag), ==, PB_SEVERITY_WARNING);
  g_assert_cmpint (pb_finding_get_subject (flag), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (flag), ==, "ready");
  g_assert_cmpstr (pb_finding_get_path (flag), ==, "stateToPresence.ready");

  /* Still stuck: not flagged again. */
  assert_step (step_at (steps, 1), "ready_offline", "Taking_notes", "state_to_presence", 0);
  /* The round trip replaces the online pick, but in Break “Ready for
   * chats” would stay (it sets Break, which does not change): a way back,
   * if a poor one. */
  step = step_at (steps, 2);
  assert_step (step, "away.break", "Away_from_desk_temporary", "round_trip", 1);
  g_assert_true (pb_sim_step_has_flag (step, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats"));
  assert_step (step_at (steps, 3), "away", "Away_from_desk_temporary", "state_to_presence", 0);
  /* Logged out is not stuck; logging in again is, and says so again. */
  assert_step (step_at (steps, 4), "logged_out", NULL, "log_out", 0);
  g_assert_true (pb_sim_step_has_flag (step_at (steps, 5), PB_SIM_FLAG_STUCK, "ready"));

  /* “Ready for chats” on its default, Ready: picked in Ready it stays, so
   * Ready is not stuck; Ready (Offline) still is. */
  pb_configuration_set_presence_mapping (config, "Ready_for_Chats", NULL);
  unstuck = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"state-change\",\"state\":\"ready_offline\"}");
  assert_step (step_at (unstuck, 0), "ready", "Taking_notes", "log_in", 0);
  assert_step (step_at (unstuck, 1), "ready_offline", "Taking_notes", "state_to_presence", 1);
  g_assert_true (pb_sim_step_has_flag (step_at (unstuck, 1), PB_SIM_FLAG_STUCK, "ready"));
}

static void
test_not_stuck (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GListModel) steps = NULL;

  /* Ready offline: but an Away minor shows an online status, which the
   * agent can pick in ContactPad. */
  pb_configuration_set_state_mapping (config, "ready", NULL);
  pb_configuration_set_state_mapping (config, "away.meeting", "Ready_for_Chats");
  script = pb_day_script_new_every_status (config);
  steps = pb_simulation_run (config, script);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    g_assert_false (pb_sim_step_has_flag (step_at (steps, i), PB_SIM_FLAG_STUCK, NULL));
}

static void
test_compare (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GListModel) before_steps = NULL;
  g_autoptr(GListModel) after_steps = NULL;
  g_autoptr(GListModel) same = NULL;
  g_autoptr(GListModel) comparisons = NULL;
  g_autoptr(GListModel) renamed_steps = NULL;
  g_autoptr(GListModel) renamed = NULL;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbConfiguration) relabelled = pb_test_worked_example ();
  GListModel *list;

  pb_configuration_set_revert_to_last_status (after, TRUE);
  script = pb_day_script_new_default (after);
  before_steps = pb_simulation_run (before, script);
  after_steps = pb_simulation_run (after, script);

  comparisons = pb_simulation_compare (before_steps, after_steps);
  g_assert_true (g_list_model_get_item_type (comparisons) == PB_TYPE_SIM_COMPARISON);
  g_assert_cmpuint (g_list_model_get_n_items (comparisons), ==, 16);
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(PbSimComparison) comparison = g_list_model_get_item (comparisons, i);
      PbSimDifference expected = i == 4 ? PB_SIM_DIFFERENCE_PRESENCE | PB_SIM_DIFFERENCE_FLAGS : PB_SIM_DIFFERENCE_NONE;
      gboolean differs;

      g_assert_cmpint (pb_sim_comparison_get_differences (comparison), ==, expected);
      g_object_get (comparison, "differs", &differs, NULL);
      g_assert_cmpint (differs, ==, expected != PB_SIM_DIFFERENCE_NONE);
      g_assert_true (pb_sim_comparison_get_before (comparison) == step_at (before_steps, i));
      g_assert_true (pb_sim_comparison_get_after (comparison) == step_at (after_steps, i));
    }

  same = pb_simulation_compare (before_steps, before_steps);
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(PbSimComparison) comparison = g_list_model_get_item (same, i);
      g_assert_cmpint (pb_sim_comparison_get_differences (comparison), ==, PB_SIM_DIFFERENCE_NONE);
    }

  /* A renamed status changes words, not what happens to the agent. */
  list = pb_configuration_get_presence_statuses (relabelled);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (list, i);

      g_ptr_array_add (statuses, pb_presence_status_new (pb_presence_status_get_api_name (status), "Renamed", NULL,
                                                         pb_presence_status_get_channels (status)));
    }
  pb_configuration_set_presence_statuses (relabelled, statuses);
  renamed_steps = pb_simulation_run (relabelled, script);
  renamed = pb_simulation_compare (before_steps, renamed_steps);
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(PbSimComparison) comparison = g_list_model_get_item (renamed, i);
      g_assert_cmpint (pb_sim_comparison_get_differences (comparison), ==, PB_SIM_DIFFERENCE_NONE);
    }
}

/* The old configuration may lack what the draft's day names. */
static void
test_compare_missing_status (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) before_steps = NULL;
  g_autoptr(GListModel) after_steps = NULL;
  g_autoptr(GListModel) comparisons = NULL;
  g_autoptr(PbSimComparison) comparison = NULL;
  GListModel *list = pb_configuration_get_presence_statuses (after);
  static const char * const online[] = { "sfdc_case", NULL };
  const char *events = "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Cases_only\"}";

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (statuses, g_list_model_get_item (list, i));
  g_ptr_array_add (statuses, pb_presence_status_new ("Cases_only", "Cases only", NULL, online));
  pb_configuration_set_presence_statuses (after, statuses);

  before_steps = run_text (before, events);
  after_steps = run_text (after, events);
  assert_step (step_at (before_steps, 1), "ready", "Ready_for_Cases", "nothing_happens", 0);
  assert_step (step_at (after_steps, 1), "ready", "Cases_only", "presence_to_state", 0);

  comparisons = pb_simulation_compare (before_steps, after_steps);
  comparison = g_list_model_get_item (comparisons, 1);
  g_assert_cmpint (pb_sim_comparison_get_differences (comparison), ==, PB_SIM_DIFFERENCE_PRESENCE);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

static GListModel *
run_async_and_wait (PbConfiguration  *config,
                    PbDayScript      *script,
                    GCancellable     *cancellable,
                    void            (*after_start) (PbConfiguration *),
                    GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_simulation_run_async (config, script, cancellable, on_run_done, &result);
  if (after_start != NULL)
    after_start (config);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return pb_simulation_run_finish (result, error);
}

static void
edit_while_running (PbConfiguration *config)
{
  pb_configuration_set_state_mapping (config, "ready", "Ready_for_Chats");
}

/* In a worker thread, on a copy: editing meanwhile does not change the
 * run, which equals the synchronous one step for step. */
static void
test_async (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (500, 100, 5);
  g_autoptr(PbConfiguration) original = pb_configuration_copy (config);
  g_autoptr(PbDayScript) script = pb_day_script_new_every_status (config);
  g_autoptr(GListModel) sync_steps = pb_simulation_run (original, script);
  g_autoptr(GListModel) async_steps = NULL;
  g_autoptr(GListModel) comparisons = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  async_steps = run_async_and_wait (config, script, NULL, edit_while_running, &error);
  g_assert_no_error (error);
  comparisons = pb_simulation_compare (sync_steps, async_steps);
  for (guint i = 0; i < g_list_model_get_n_items (comparisons); i++)
    {
      g_autoptr(PbSimComparison) comparison = g_list_model_get_item (comparisons, i);
      PbSimStep *a = pb_sim_comparison_get_before (comparison);
      PbSimStep *b = pb_sim_comparison_get_after (comparison);

      g_assert_cmpint (pb_sim_comparison_get_differences (comparison), ==, PB_SIM_DIFFERENCE_NONE);
      g_assert_cmpstr (pb_sim_step_get_rule (a), ==, pb_sim_step_get_rule (b));
      g_assert_cmpstr (pb_sim_step_get_event_text (a), ==, pb_sim_step_get_event_text (b));
    }

  g_cancellable_cancel (cancellable);
  cancelled = run_async_and_wait (config, script, cancellable, NULL, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_step_object (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) steps = run_text (config, "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"}");
  g_autoptr(PbSimStep) step = g_list_model_get_item (steps, 1);
  g_autofree char *event_text = NULL;
  g_autofree char *state_name = NULL;
  g_autofree char *presence_label = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *explanation = NULL;
  guint index, n_flags;

  g_object_get (step,
                "index", &index, "event-text", &event_text, "state-name", &state_name,
                "presence-label", &presence_label, "rule", &rule, "explanation", &explanation,
                "n-flags", &n_flags, NULL);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpstr (event_text, ==, "Agent picks “On a call”");
  g_assert_cmpstr (state_name, ==, "Away");
  g_assert_cmpstr (presence_label, ==, "Away from desk (temporary)");
  g_assert_cmpstr (rule, ==, "round_trip");
  g_assert_cmpstr (explanation, ==,
                   "Agent picks “On a call” → ContactPad state Away\n"
                   "ContactPad state becomes Away → Omni-Channel shows “Away from desk (temporary)”");
  g_assert_cmpuint (n_flags, ==, 1);

  g_clear_object (&steps);
  g_assert_finalize_object (g_steal_pointer (&step));
}

/* A large profile: every step is consistent whatever the mapping. */
static void
test_large (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (5000, 1000, 11);
  g_autoptr(PbDayScript) every = pb_day_script_new_every_status (config);
  g_autoptr(PbDayScript) typical = pb_day_script_new_default (config);
  g_autoptr(GListModel) steps = pb_simulation_run (config, every);
  g_autoptr(GListModel) day_steps = pb_simulation_run (config, typical);

  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, pb_day_script_get_n_events (every));
  g_assert_cmpuint (g_list_model_get_n_items (day_steps), ==, pb_day_script_get_n_events (typical));
  g_assert_cmpuint (count_all_flags (steps), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      PbSimStep *step = step_at (steps, i);
      const char *presence = pb_sim_step_get_presence (step);

      g_assert_nonnull (pb_sim_step_get_rule (step));
      g_assert_nonnull (pb_sim_step_get_explanation (step)[0]);
      g_assert_true (presence == NULL || pb_configuration_lookup_presence (config, presence) != NULL);
      g_assert_true (!pb_sim_step_get_logged_in (step) ||
                     pb_configuration_lookup_state (config, pb_sim_step_get_state_id (step)) != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/simulator/worked-example/default-day", test_worked_example_default_day);
  g_test_add_func ("/simulator/worked-example/flags-where-checks-warn", test_worked_example_flags_where_checks_warn);
  g_test_add_func ("/simulator/double-routing/busy-presence-to-ready", test_busy_presence_to_ready);
  g_test_add_func ("/simulator/double-routing/every-status-always", test_every_status_always);
  g_test_add_func ("/simulator/double-routing/online-for-busy-state", test_online_for_busy_state);
  g_test_add_func ("/simulator/revert", test_revert);
  g_test_add_func ("/simulator/revert/inbound-only", test_revert_inbound_only);
  g_test_add_func ("/simulator/revert/restores-busy", test_revert_restores_busy);
  g_test_add_func ("/simulator/chat", test_chat);
  g_test_add_func ("/simulator/minors-inherit", test_minors_inherit);
  g_test_add_func ("/simulator/pick/during-call", test_pick_during_call);
  g_test_add_func ("/simulator/pick/while-logged-out", test_pick_while_logged_out);
  g_test_add_func ("/simulator/pick/logs-out", test_pick_logs_out);
  g_test_add_func ("/simulator/nothing-happens", test_nothing_happens);
  g_test_add_func ("/simulator/stuck", test_stuck);
  g_test_add_func ("/simulator/stuck/not", test_not_stuck);
  g_test_add_func ("/simulator/compare", test_compare);
  g_test_add_func ("/simulator/compare/missing-status", test_compare_missing_status);
  g_test_add_func ("/simulator/async", test_async);
  g_test_add_func ("/simulator/step-object", test_step_object);
  g_test_add_func ("/simulator/large", test_large);

  return g_test_run ();
}
