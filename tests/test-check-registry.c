/* test-check-registry.c: one table of checks, read by the checks, the
 * window, the CLI and docs/checks.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

#define DOC_BEGIN "<!-- registry:begin -->"
#define DOC_END   "<!-- registry:end -->"

static void
test_registry_entries (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const PbCheckInfo *checks;
  guint n;

  checks = pb_check_registry_get_all (&n);
  g_assert_cmpuint (n, >=, 10);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer)checks[i].code));
      g_assert_true (pb_check_registry_lookup (checks[i].code) == &checks[i]);
      g_assert_cmpuint (strlen (checks[i].title), >, 0);
      g_assert_cmpuint (strlen (checks[i].advice), >, 20);
      /* Errors first, then warnings, then info. */
      if (i > 0)
        g_assert_cmpint (checks[i - 1].severity, <=, checks[i].severity);
    }

  g_assert_null (pb_check_registry_lookup ("no_such_check"));
  g_assert_cmpstr (pb_check_registry_get_title ("no_such_check"), ==, "no_such_check");
  g_assert_cmpstr (pb_check_registry_get_title (PB_CHECK_ROUND_TRIP_MISMATCH), ==,
                   "Round trips that do not come back");
}

/* Every finding the checks give has its check's severity in the registry:
 * the worked example, and a variant that trips the errors too. */
static void
test_findings_follow_registry (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *long_label = g_strnfill (81, 'x');
  GListModel *list = pb_configuration_get_agent_states (config);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (states, g_list_model_get_item (list, i));
  g_ptr_array_add (states, pb_agent_state_new ("away", "Away (again)", NULL));
  pb_configuration_set_agent_states (config, states);

  list = pb_configuration_get_presence_statuses (config);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (statuses, g_list_model_get_item (list, i));
  g_ptr_array_add (statuses, pb_presence_status_new ("Ready__now", "Ready now", NULL, NULL));
  g_ptr_array_add (statuses, pb_presence_status_new ("ON_A_CALL", "On a call, again", NULL, NULL));
  g_ptr_array_add (statuses, pb_presence_status_new ("Long_label", long_label, NULL, NULL));
  pb_configuration_set_presence_statuses (config, statuses);
  pb_configuration_unset_state_mapping (config, "wrap");
  pb_configuration_set_presence_mapping (config, "On_a_call", "away.nap");
  pb_configuration_set_state_mapping (config, "busy", "Gone_status");
  pb_configuration_set_revert_to_last_status (config, TRUE);
  pb_configuration_set_agent_post_call_state (config, "wrap");
  pb_configuration_set_state_mapping (config, "busy.inbound", "Ready_for_Chats");

  findings = pb_checks_run (config);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      const PbCheckInfo *info = pb_check_registry_lookup (pb_finding_get_code (finding));

      g_assert_nonnull (info);
      g_assert_cmpint (pb_finding_get_severity (finding), ==, info->severity);
      g_hash_table_add (codes, (gpointer)info->code);
    }

  /* The variant reaches every check of the registry. */
  {
    const PbCheckInfo *checks;
    guint n;

    checks = pb_check_registry_get_all (&n);
    for (guint i = 0; i < n; i++)
      if (!g_hash_table_contains (codes, checks[i].code))
        g_error ("no finding of %s", checks[i].code);
  }
}

static char *
registry_table (void)
{
  GString *table = g_string_new (DOC_BEGIN "\n");
  const PbCheckInfo *checks;
  guint n;

  g_string_append (table, "| code | severity | title | how to fix it |\n| --- | --- | --- | --- |\n");
  checks = pb_check_registry_get_all (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (table, "| `%s` | %s | %s | %s |\n", checks[i].code,
                            pb_severity_to_string (checks[i].severity), checks[i].title, checks[i].advice);
  g_string_append (table, DOC_END);

  return g_string_free (table, FALSE);
}

/* docs/checks.md shows the registry's table as it is. */
static void
test_docs_match (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PB_SOURCE_ROOT"), "docs", "checks.md", NULL);
  g_autofree char *expected = registry_table ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *begin, *end;
  g_autofree char *found = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  begin = strstr (contents, DOC_BEGIN);
  end = begin ? strstr (begin, DOC_END) : NULL;
  g_assert_nonnull (end);
  found = g_strndup (begin, end + strlen (DOC_END) - begin);

  if (g_strcmp0 (found, expected) != 0)
    g_error ("docs/checks.md does not show the registry; the table should read:\n%s", expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-registry/entries", test_registry_entries);
  g_test_add_func ("/check-registry/findings", test_findings_follow_registry);
  g_test_add_func ("/check-registry/docs", test_docs_match);

  return g_test_run ();
}
