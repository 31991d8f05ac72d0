/* test-checks.c: what makes a configuration risky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-test-fixtures.h"

/* pb_checks_run(), and pb_checks_count_errors() agreeing with it on every
 * configuration the tests build. */
static GListModel *
run_checks (PbConfiguration *config)
{
  GListModel *findings = pb_checks_run (config);

  g_assert_cmpuint (pb_checks_count_errors (config), ==, pb_checks_count (findings, PB_SEVERITY_ERROR));

  return findings;
}

/* (transfer none): the model holds the finding. */
static PbFinding *
find_finding (GListModel *findings,
              const char *code,
              const char *path)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (pb_finding_get_code (finding), code) == 0 &&
          g_strcmp0 (pb_finding_get_path (finding), path) == 0)
        return finding;
    }

  return NULL;
}

static guint
count_code (GListModel *findings,
            const char *code)
{
  guint n = g_list_model_get_n_items (findings);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (pb_finding_get_code (finding), code) == 0)
        count++;
    }

  return count;
}

/* Takes @state. */
static void
append_state (PbConfiguration *config,
              PbAgentState    *state)
{
  GListModel *states = pb_configuration_get_agent_states (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    g_ptr_array_add (array, g_list_model_get_item (states, i));
  g_ptr_array_add (array, state);
  pb_configuration_set_agent_states (config, array);
}

/* Takes @status. */
static void
append_status (PbConfiguration  *config,
               PbPresenceStatus *status)
{
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    g_ptr_array_add (array, g_list_model_get_item (statuses, i));
  g_ptr_array_add (array, status);
  pb_configuration_set_presence_statuses (config, array);
}

static void
test_worked_example (void)
{
  static const struct { PbSeverity severity; const char *code; const char *path; } expected[] = {
    { PB_SEVERITY_WARNING, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.On_a_call" },
    { PB_SEVERITY_WARNING, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Ready_for_Chats" },
    { PB_SEVERITY_WARNING, PB_CHECK_BUSY_PRESENCE_TO_READY, "presenceToState.Taking_notes" },
    { PB_SEVERITY_WARNING, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Taking_notes" },
    { PB_SEVERITY_INFO, PB_CHECK_DEFAULT_MAPPING_USED, "presenceToState.Ready_for_Chats" },
    { PB_SEVERITY_INFO, PB_CHECK_DEFAULT_MAPPING_USED, "presenceToState.Taking_notes" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.break" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.lunch" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.meeting" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.training" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.busy.external" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.busy.inbound" },
    { PB_SEVERITY_INFO, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.busy.outbound" },
  };
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = run_checks (config);
  PbFinding *finding;

  g_assert_true (g_list_model_get_item_type (findings) == PB_TYPE_FINDING);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PbFinding) item = g_list_model_get_item (findings, i);

      g_assert_cmpint (pb_finding_get_severity (item), ==, expected[i].severity);
      g_assert_cmpstr (pb_finding_get_code (item), ==, expected[i].code);
      g_assert_cmpstr (pb_finding_get_path (item), ==, expected[i].path);
    }

  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_WARNING), ==, 4);
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_INFO), ==, 9);

  /* The chain, in the administrator's words. */
  finding = find_finding (findings, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.On_a_call");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The round trip does not come back: “On a call” → Away → “Away from desk (temporary)”. "
                   "The agent's choice is replaced at the next state change.");
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "On_a_call");

  finding = find_finding (findings, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Ready_for_Chats");
  g_assert_nonnull (strstr (pb_finding_get_message (finding), "“Ready for chats” → Ready → “Ready for cases”"));

  finding = find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.break");
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "away.break");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The minor state Away › Break has no presence of its own: it uses the mapping of Away");
}

static void
test_unmapped_major_state (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(PbFinding) first = NULL;
  PbFinding *finding;

  g_assert_cmpuint (count_code (before, PB_CHECK_UNMAPPED_MAJOR_STATE), ==, 0);

  pb_configuration_unset_state_mapping (config, "wrap");
  findings = run_checks (config);
  g_assert_cmpuint (count_code (findings, PB_CHECK_UNMAPPED_MAJOR_STATE), ==, 1);
  finding = find_finding (findings, PB_CHECK_UNMAPPED_MAJOR_STATE, "stateToPresence.wrap");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "wrap");
  g_assert_nonnull (strstr (pb_finding_get_message (finding), "Wrap up"));

  /* Errors come first. */
  first = g_list_model_get_item (findings, 0);
  g_assert_true (first == finding);
}

static void
test_logged_out_needs_no_entry (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;

  pb_configuration_unset_state_mapping (config, "logged_out");
  findings = run_checks (config);
  g_assert_cmpuint (count_code (findings, PB_CHECK_UNMAPPED_MAJOR_STATE), ==, 0);
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_ERROR), ==, 0);
}

static void
test_unknown_state (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  g_assert_cmpuint (count_code (before, PB_CHECK_UNKNOWN_STATE), ==, 0);

  pb_configuration_set_presence_mapping (config, "On_a_call", "away.nap");
  pb_configuration_set_state_mapping (config, "away.siesta", "Taking_notes");
  pb_configuration_set_agent_post_call_state (config, "after_call");
  append_state (config, pb_agent_state_new ("holiday.beach", "Beach", "holiday"));
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_UNKNOWN_STATE), ==, 4);

  finding = find_finding (findings, PB_CHECK_UNKNOWN_STATE, "presenceToState.On_a_call");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "On_a_call");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "“On a call” is mapped to the agent state away.nap, which is not in the account's list of states");

  finding = find_finding (findings, PB_CHECK_UNKNOWN_STATE, "stateToPresence.away.siesta");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "away.siesta");

  finding = find_finding (findings, PB_CHECK_UNKNOWN_STATE, "agentPostCallState");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_SWITCHES);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "agentPostCallState");
  g_assert_nonnull (strstr (pb_finding_get_message (finding), "after_call"));

  finding = find_finding (findings, PB_CHECK_UNKNOWN_STATE, "agentStates[13].major");
  g_assert_nonnull (finding);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "holiday.beach");
  g_assert_nonnull (strstr (pb_finding_get_message (finding), "Beach"));
  /* A minor of a missing major uses nothing, so it is not said to inherit. */
  g_assert_null (find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.holiday.beach"));
}

static void
test_unknown_presence (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  /* logged_out → null (offline) is not a presence, so not unknown. */
  g_assert_cmpuint (count_code (before, PB_CHECK_UNKNOWN_PRESENCE), ==, 0);

  pb_configuration_set_presence_mapping (config, "Lunch_break", "away.lunch");
  pb_configuration_set_state_mapping (config, "wrap", "After_call_work");
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_UNKNOWN_PRESENCE), ==, 2);

  finding = find_finding (findings, PB_CHECK_UNKNOWN_PRESENCE, "presenceToState.Lunch_break");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "Lunch_break");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The presence status Lunch_break is mapped to Away › Lunch but is not in the org's list of presence statuses");

  finding = find_finding (findings, PB_CHECK_UNKNOWN_PRESENCE, "stateToPresence.wrap");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "wrap");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The agent state Wrap up is mapped to the presence status After_call_work, which is not in the org's list of presence statuses");
}

static void
test_duplicate_id (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  g_assert_cmpuint (count_code (before, PB_CHECK_DUPLICATE_ID), ==, 0);

  append_state (config, pb_agent_state_new ("away", "Away (old)", NULL));
  append_status (config, pb_presence_status_new ("On_a_call", "On the phone", NULL, NULL));
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_DUPLICATE_ID), ==, 2);

  finding = find_finding (findings, PB_CHECK_DUPLICATE_ID, "agentStates[13].id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "away");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The agent state id “away” is used twice: by Away and by Away (old)");

  finding = find_finding (findings, PB_CHECK_DUPLICATE_ID, "presenceStatuses[5].apiName");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "On_a_call");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The presence status API name “On_a_call” is used twice: by “On a call” and by “On the phone”");

  /* The duplicates are reported once, not checked again as themselves. */
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_WARNING), ==,
                    pb_checks_count (before, PB_SEVERITY_WARNING));
}

static void
test_revert_ineffective (void)
{
  static const struct { gboolean revert; const char *post_call; gboolean fires; } cases[] = {
    { FALSE, "ready", FALSE },
    { TRUE, "ready", FALSE },
    { TRUE, "ready_offline", FALSE },
    { FALSE, "wrap", FALSE },
    { TRUE, "wrap", TRUE },
    { TRUE, "away", TRUE },
    { TRUE, "away.break", TRUE },
    { TRUE, "busy", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbConfiguration) config = pb_test_worked_example ();
      g_autoptr(GListModel) findings = NULL;
      PbFinding *finding;

      pb_configuration_set_revert_to_last_status (config, cases[i].revert);
      pb_configuration_set_agent_post_call_state (config, cases[i].post_call);
      findings = run_checks (config);
      finding = find_finding (findings, PB_CHECK_REVERT_INEFFECTIVE, "revertToLastStatus");

      g_assert_cmpuint (count_code (findings, PB_CHECK_REVERT_INEFFECTIVE), ==, cases[i].fires ? 1 : 0);
      if (cases[i].fires)
        {
          g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_WARNING);
          g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_SWITCHES);
          g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "revertToLastStatus");
        }
    }

  {
    g_autoptr(PbConfiguration) config = pb_test_worked_example ();
    g_autoptr(GListModel) findings = NULL;

    pb_configuration_set_revert_to_last_status (config, TRUE);
    pb_configuration_set_agent_post_call_state (config, "wrap");
    findings = run_checks (config);
    g_assert_cmpstr (pb_finding_get_message (find_finding (findings, PB_CHECK_REVERT_INEFFECTIVE, "revertToLastStatus")), ==,
                     "Revert to last status has no effect while Agent Post Call State is Wrap up: "
                     "agents always get the presence mapped to that state");
  }
}

static void
test_busy_presence_to_ready (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  /* Taking notes has no channel and defaults to Ready; Ready for chats
   * defaults to Ready too but is online; On a call maps to Away. */
  g_assert_cmpuint (count_code (before, PB_CHECK_BUSY_PRESENCE_TO_READY), ==, 1);
  finding = find_finding (before, PB_CHECK_BUSY_PRESENCE_TO_READY, "presenceToState.Taking_notes");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_WARNING);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "Taking_notes");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "“Taking notes” has no service channel, so Salesforce considers the agent busy, "
                   "yet it sets Ready by default: the platform offers calls to a busy agent");
  g_assert_null (find_finding (before, PB_CHECK_BUSY_PRESENCE_TO_READY, "presenceToState.Ready_for_Chats"));
  g_assert_null (find_finding (before, PB_CHECK_BUSY_PRESENCE_TO_READY, "presenceToState.On_a_call"));

  /* An explicit entry counts as well as the default. */
  pb_configuration_set_presence_mapping (config, "On_a_call", "ready");
  pb_configuration_set_presence_mapping (config, "Taking_notes", "wrap");
  findings = run_checks (config);
  g_assert_cmpuint (count_code (findings, PB_CHECK_BUSY_PRESENCE_TO_READY), ==, 1);
  finding = find_finding (findings, PB_CHECK_BUSY_PRESENCE_TO_READY, "presenceToState.On_a_call");
  g_assert_nonnull (finding);
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "“On a call” has no service channel, so Salesforce considers the agent busy, "
                   "yet it sets Ready: the platform offers calls to a busy agent");
}

static void
test_online_presence_for_busy_state (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  g_assert_cmpuint (count_code (before, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE), ==, 0);

  /* Busy shows an online status, and its three minors inherit it; Wrap up
   * and Away › Lunch have their own; Ready showing one is what it is for. */
  pb_configuration_set_state_mapping (config, "busy", "Ready_for_Chats");
  pb_configuration_set_state_mapping (config, "wrap", "Ready_for_Cases");
  pb_configuration_set_state_mapping (config, "away.lunch", "Ready_for_Cases");
  pb_configuration_set_state_mapping (config, "busy.outbound", NULL);
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE), ==, 5);
  g_assert_null (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.ready"));
  /* Offline is not online. */
  g_assert_null (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.busy.outbound"));
  g_assert_nonnull (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.wrap"));
  g_assert_nonnull (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.away.lunch"));
  g_assert_null (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.away.break"));

  finding = find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.busy");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_WARNING);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "busy");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The agent state Busy shows “Ready for chats”, which is online: "
                   "Salesforce offers work to an agent who is busy, away or wrapping up");

  finding = find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.busy.inbound");
  g_assert_nonnull (finding);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "busy.inbound");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The agent state Busy › Busy Inbound inherits “Ready for chats” from Busy, which is online: "
                   "Salesforce offers work to an agent who is busy, away or wrapping up");
  g_assert_nonnull (find_finding (findings, PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE, "stateToPresence.busy.external"));
}

static void
test_round_trip_mismatch (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) offline = NULL;
  g_autoptr(GListModel) unmapped = NULL;
  PbFinding *finding;

  /* Ready for cases → Ready → Ready for cases, and Away from desk → Break →
   * (Away's) Away from desk come back. */
  g_assert_cmpuint (count_code (before, PB_CHECK_ROUND_TRIP_MISMATCH), ==, 3);
  g_assert_null (find_finding (before, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Ready_for_Cases"));
  g_assert_null (find_finding (before, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Away_from_desk_temporary"));

  /* Once On a call maps to Busy, which shows On a call, it comes back too. */
  pb_configuration_set_presence_mapping (config, "On_a_call", "busy");
  pb_configuration_set_presence_mapping (config, "Taking_notes", "logged_out");
  offline = run_checks (config);
  g_assert_null (find_finding (offline, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.On_a_call"));

  /* Offline counts as a different presence. */
  finding = find_finding (offline, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.Taking_notes");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_WARNING);
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The round trip does not come back: “Taking notes” → Logged out → offline. "
                   "The agent is taken offline at the next state change.");

  /* A state without any mapping is reported as unmapped, not as a round trip. */
  pb_configuration_unset_state_mapping (config, "busy");
  unmapped = run_checks (config);
  g_assert_null (find_finding (unmapped, PB_CHECK_ROUND_TRIP_MISMATCH, "presenceToState.On_a_call"));
  g_assert_nonnull (find_finding (unmapped, PB_CHECK_UNMAPPED_MAJOR_STATE, "stateToPresence.busy"));
}

static void
test_default_mapping_used (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) before = run_checks (config);
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  finding = find_finding (before, PB_CHECK_DEFAULT_MAPPING_USED, "presenceToState.Ready_for_Chats");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_INFO);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "“Ready for chats” has no agent state of its own and sets Ready (the default mapping)");
  /* An explicit Ready is not the default. */
  g_assert_null (find_finding (before, PB_CHECK_DEFAULT_MAPPING_USED, "presenceToState.Ready_for_Cases"));

  pb_configuration_set_presence_mapping (config, "Ready_for_Chats", "ready");
  findings = run_checks (config);
  g_assert_null (find_finding (findings, PB_CHECK_DEFAULT_MAPPING_USED, "presenceToState.Ready_for_Chats"));
  g_assert_cmpuint (count_code (findings, PB_CHECK_DEFAULT_MAPPING_USED), ==, 1);
}

static void
test_minor_state_inherits (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;

  pb_configuration_set_state_mapping (config, "away.break", "Away_from_desk_temporary");
  pb_configuration_set_state_mapping (config, "busy.inbound", NULL);
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_MINOR_STATE_INHERITS), ==, 5);
  g_assert_null (find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.break"));
  g_assert_null (find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.busy.inbound"));
  g_assert_nonnull (find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away.lunch"));
  /* Majors never inherit. */
  g_assert_null (find_finding (findings, PB_CHECK_MINOR_STATE_INHERITS, "stateToPresence.away"));
}

static void
test_order (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbFinding) first = NULL;
  g_autoptr(PbFinding) second = NULL;
  guint n;

  /* Duplicates at positions 2 and 10: "[2]" must sort before "[10]", which
   * plain string order would not do. */
  g_ptr_array_add (states, pb_agent_state_new ("ready", "Ready", NULL));
  g_ptr_array_add (states, pb_agent_state_new ("away", "Away", NULL));
  for (guint i = 2; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("extra_%u", i);

      g_ptr_array_add (states, pb_agent_state_new (i == 2 || i == 10 ? "ready" : id, "Extra", "away"));
    }
  pb_configuration_set_agent_states (config, states);
  findings = run_checks (config);

  first = g_list_model_get_item (findings, 0);
  second = g_list_model_get_item (findings, 1);
  g_assert_cmpstr (pb_finding_get_path (first), ==, "agentStates[2].id");
  g_assert_cmpstr (pb_finding_get_path (second), ==, "agentStates[10].id");

  n = g_list_model_get_n_items (findings);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PbFinding) a = g_list_model_get_item (findings, i - 1);
      g_autoptr(PbFinding) b = g_list_model_get_item (findings, i);

      g_assert_cmpint (pb_finding_get_severity (a), <=, pb_finding_get_severity (b));
    }
}

/* Findings on a large, generated configuration keep their order and their
 * paths point at things that exist; timing is in docs/benchmarks.md. */
static void
test_large_configuration (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (5000, 1000, 7);
  g_autoptr(GListModel) findings = run_checks (config);
  guint n = g_list_model_get_n_items (findings);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_ERROR) +
                    pb_checks_count (findings, PB_SEVERITY_WARNING) +
                    pb_checks_count (findings, PB_SEVERITY_INFO), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      g_assert_cmpstr (pb_finding_get_message (finding), !=, "");
      switch (pb_finding_get_subject (finding))
        {
        case PB_SUBJECT_PRESENCE:
          g_assert_true (g_str_has_prefix (pb_finding_get_path (finding), "presenceToState."));
          g_assert_nonnull (pb_configuration_lookup_presence (config, pb_finding_get_subject_id (finding)));
          break;
        case PB_SUBJECT_STATE:
          g_assert_true (g_str_has_prefix (pb_finding_get_path (finding), "stateToPresence."));
          g_assert_nonnull (pb_configuration_lookup_state (config, pb_finding_get_subject_id (finding)));
          break;
        case PB_SUBJECT_SWITCHES:
        case PB_SUBJECT_NONE:
        default:
          break;
        }
    }
}

static void
test_invalid_api_name (void)
{
  static const struct { const char *api_name, *reason; } cases[] = {
    { "Ready for calls", "only letters (A–Z), digits and underscores" },
    { "Prêt", "only letters (A–Z), digits and underscores" },
    { "Ready-now", "only letters (A–Z), digits and underscores" },
    { "1st_call", "must begin with a letter" },
    { "_Ready", "must begin with a letter" },
    { "Ready__now", "two underscores in a row" },
    { "Ready_", "end with an underscore" },
    { "A234567890123456789012345678901234567890123456789012345678901234567890123456789012", "longer than the 80 characters" },
    { "A2345678901234567890123456789012345678901234567890123456789012345678901234567890", NULL },
    { "R", NULL },
    { "Ready_2_go", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbConfiguration) config = pb_test_worked_example ();
      g_autoptr(GListModel) findings = NULL;
      PbFinding *finding;

      append_status (config, pb_presence_status_new (cases[i].api_name, "Calls", NULL, NULL));
      findings = run_checks (config);
      finding = find_finding (findings, PB_CHECK_INVALID_API_NAME, "presenceStatuses[5].apiName");

      g_test_message ("API name “%s”", cases[i].api_name);
      g_assert_cmpuint (count_code (findings, PB_CHECK_INVALID_API_NAME), ==, cases[i].reason ? 1 : 0);
      if (cases[i].reason == NULL)
        continue;

      g_assert_nonnull (finding);
      g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
      g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
      g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, cases[i].api_name);
      g_assert_nonnull (strstr (pb_finding_get_message (finding), cases[i].reason));
    }

  /* The worked example's names are all DeveloperNames. */
  {
    g_autoptr(PbConfiguration) config = pb_test_worked_example ();
    g_autoptr(GListModel) findings = run_checks (config);

    g_assert_cmpuint (count_code (findings, PB_CHECK_INVALID_API_NAME), ==, 0);
  }
}

static void
test_api_name_case_conflict (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;
  PbFinding *finding;

  append_status (config, pb_presence_status_new ("ON_A_CALL", "On the phone", NULL, NULL));
  /* An exact repeat is duplicate_id, not a conflict of case. */
  append_status (config, pb_presence_status_new ("On_a_call", "On a call again", NULL, NULL));
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_API_NAME_CASE_CONFLICT), ==, 1);
  finding = find_finding (findings, PB_CHECK_API_NAME_CASE_CONFLICT, "presenceStatuses[5].apiName");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "ON_A_CALL");
  g_assert_cmpstr (pb_finding_get_message (finding), ==,
                   "The API names “On_a_call” and “ON_A_CALL” differ only in letter case: "
                   "Salesforce takes them for the same name");
  g_assert_nonnull (find_finding (findings, PB_CHECK_DUPLICATE_ID, "presenceStatuses[6].apiName"));
}

static void
test_label_too_long (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GString) eighty = g_string_new (NULL);
  g_autoptr(GString) eighty_one = NULL;
  PbFinding *finding;

  /* Characters, not bytes: 80 “é” are 160 bytes and allowed. */
  for (guint i = 0; i < 80; i++)
    g_string_append (eighty, "é");
  eighty_one = g_string_new (eighty->str);
  g_string_append (eighty_one, "!");

  append_status (config, pb_presence_status_new ("Eighty", eighty->str, NULL, NULL));
  append_status (config, pb_presence_status_new ("Eighty_one", eighty_one->str, NULL, NULL));
  findings = run_checks (config);

  g_assert_cmpuint (count_code (findings, PB_CHECK_LABEL_TOO_LONG), ==, 1);
  finding = find_finding (findings, PB_CHECK_LABEL_TOO_LONG, "presenceStatuses[6].label");
  g_assert_nonnull (finding);
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "Eighty_one");
  g_assert_true (g_str_has_prefix (pb_finding_get_message (finding),
                                   "The label of Eighty_one is longer than the 80 characters Salesforce allows: “éééé"));
  g_assert_true (g_str_has_suffix (pb_finding_get_message (finding), "é… (81 characters)”"));
}

/* No text of any length makes a message long: every quoted label, name and
 * id is cut to 60 characters and given its length. */
static void
test_messages_bounded (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *api_name = NULL;
  g_autofree char *state_id = NULL;
  guint n;

  for (guint i = 0; i < 200000; i++)
    g_string_append (huge, "Abcde");
  api_name = g_strconcat ("X", huge->str, NULL);
  state_id = g_strconcat ("away.", huge->str, NULL);

  append_status (config, pb_presence_status_new (api_name, huge->str, NULL, NULL));
  append_status (config, pb_presence_status_new ("Long_label", huge->str, NULL, NULL));
  append_state (config, pb_agent_state_new (state_id, huge->str, "away"));
  append_state (config, pb_agent_state_new (huge->str, huge->str, NULL));
  pb_configuration_set_presence_mapping (config, api_name, state_id);
  pb_configuration_set_presence_mapping (config, "On_a_call", huge->str);
  pb_configuration_set_state_mapping (config, "busy", api_name);
  pb_configuration_set_state_mapping (config, "wrap", huge->str);
  pb_configuration_set_agent_post_call_state (config, state_id);
  pb_configuration_set_revert_to_last_status (config, TRUE);
  findings = run_checks (config);

  n = g_list_model_get_n_items (findings);
  g_assert_cmpuint (count_code (findings, PB_CHECK_LABEL_TOO_LONG), ==, 2);
  g_assert_cmpuint (count_code (findings, PB_CHECK_INVALID_API_NAME), ==, 1);
  g_assert_cmpuint (n, >=, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      const char *message = pb_finding_get_message (finding);

      g_test_message ("%s: %s", pb_finding_get_code (finding), message);
      /* Two or three quotes of 60 characters, and the sentence. */
      g_assert_cmpuint (g_utf8_strlen (message, -1), <, 500);
    }

  {
    PbFinding *finding = find_finding (findings, PB_CHECK_LABEL_TOO_LONG, "presenceStatuses[6].label");

    g_assert_nonnull (finding);
    g_assert_nonnull (strstr (pb_finding_get_message (finding), "“AbcdeAbcde"));
    g_assert_nonnull (strstr (pb_finding_get_message (finding), "Abcde… (1000000 characters)”"));
  }
}

static void
test_finding_properties (void)
{
  g_autoptr(PbFinding) finding = pb_finding_new (PB_CHECK_UNMAPPED_MAJOR_STATE, PB_SEVERITY_ERROR,
                                                 "stateToPresence.away", "Away has no presence",
                                                 PB_SUBJECT_STATE, "away");
  g_autofree char *code = NULL;
  g_autofree char *subject_id = NULL;
  PbSeverity severity;
  PbSubject subject;

  g_object_get (finding,
                "code", &code,
                "severity", &severity,
                "subject", &subject,
                "subject-id", &subject_id,
                NULL);
  g_assert_cmpstr (code, ==, "unmapped_major_state");
  g_assert_cmpint (severity, ==, PB_SEVERITY_ERROR);
  g_assert_cmpint (subject, ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (subject_id, ==, "away");

  g_assert_cmpstr (pb_severity_to_string (PB_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (pb_severity_to_string (PB_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (pb_severity_to_string (PB_SEVERITY_INFO), ==, "info");

  g_assert_finalize_object (g_steal_pointer (&finding));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checks/worked-example", test_worked_example);
  g_test_add_func ("/checks/unmapped-major-state", test_unmapped_major_state);
  g_test_add_func ("/checks/unmapped-major-state/logged-out", test_logged_out_needs_no_entry);
  g_test_add_func ("/checks/unknown-state", test_unknown_state);
  g_test_add_func ("/checks/unknown-presence", test_unknown_presence);
  g_test_add_func ("/checks/duplicate-id", test_duplicate_id);
  g_test_add_func ("/checks/invalid-api-name", test_invalid_api_name);
  g_test_add_func ("/checks/api-name-case-conflict", test_api_name_case_conflict);
  g_test_add_func ("/checks/label-too-long", test_label_too_long);
  g_test_add_func ("/checks/messages-bounded", test_messages_bounded);
  g_test_add_func ("/checks/revert-ineffective", test_revert_ineffective);
  g_test_add_func ("/checks/busy-presence-to-ready", test_busy_presence_to_ready);
  g_test_add_func ("/checks/online-presence-for-busy-state", test_online_presence_for_busy_state);
  g_test_add_func ("/checks/round-trip-mismatch", test_round_trip_mismatch);
  g_test_add_func ("/checks/default-mapping-used", test_default_mapping_used);
  g_test_add_func ("/checks/minor-state-inherits", test_minor_state_inherits);
  g_test_add_func ("/checks/order", test_order);
  g_test_add_func ("/checks/large-configuration", test_large_configuration);
  g_test_add_func ("/checks/finding-properties", test_finding_properties);

  return g_test_run ();
}
