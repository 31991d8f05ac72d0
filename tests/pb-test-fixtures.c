/* pb-test-fixtures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-fixtures.h"

#include <glib/gstdio.h>

PbConfiguration *
pb_test_worked_example (void)
{
  static const struct { const char *id, *name, *major; } states[] = {
    { "ready", "Ready", NULL },
    { "ready_offline", "Ready (Offline)", NULL },
    { "busy", "Busy", NULL },
    { "busy.inbound", "Busy Inbound", "busy" },
    { "busy.outbound", "Busy Outbound", "busy" },
    { "busy.external", "Busy External", "busy" },
    { "wrap", "Wrap up", NULL },
    { "away", "Away", NULL },
    { "away.break", "Break", "away" },
    { "away.lunch", "Lunch", "away" },
    { "away.meeting", "Meeting", "away" },
    { "away.training", "Training", "away" },
    { "logged_out", "Logged out", NULL },
  };
  static const char * const cases[] = { "sfdc_case", NULL };
  static const char * const chats[] = { "sfdc_livechat", NULL };
  static const struct { const char *api, *label; const char * const *channels; } statuses[] = {
    { "Ready_for_Cases", "Ready for cases", cases },
    { "Ready_for_Chats", "Ready for chats", chats },
    { "On_a_call", "On a call", NULL },
    { "Away_from_desk_temporary", "Away from desk (temporary)", NULL },
    { "Taking_notes", "Taking notes", NULL },
  };
  PbConfiguration *config = pb_configuration_new ();
  g_autoptr(GPtrArray) state_array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) status_array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_ptr_array_add (state_array, pb_agent_state_new (states[i].id, states[i].name, states[i].major));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (status_array, pb_presence_status_new (statuses[i].api, statuses[i].label,
                                                           NULL, statuses[i].channels));

  pb_configuration_set_account (config, "ACC-1001", "Example Contact Centre");
  pb_configuration_set_org (config, "00D5g000000EXAMPLE", "Example Org", FALSE);
  pb_configuration_set_agent_states (config, state_array);
  pb_configuration_set_presence_statuses (config, status_array);

  pb_configuration_set_presence_mapping (config, "Ready_for_Cases", "ready");
  pb_configuration_set_presence_mapping (config, "On_a_call", "away");
  pb_configuration_set_presence_mapping (config, "Away_from_desk_temporary", "away.break");

  pb_configuration_set_state_mapping (config, "ready", "Ready_for_Cases");
  pb_configuration_set_state_mapping (config, "ready_offline", "Taking_notes");
  pb_configuration_set_state_mapping (config, "busy", "On_a_call");
  pb_configuration_set_state_mapping (config, "wrap", "Taking_notes");
  pb_configuration_set_state_mapping (config, "away", "Away_from_desk_temporary");
  pb_configuration_set_state_mapping (config, "logged_out", NULL);

  pb_configuration_set_revert_to_last_status (config, FALSE);
  pb_configuration_set_agent_post_call_state (config, "ready");

  return config;
}

char *
pb_test_hostile_text (guint    length,
                      gboolean spaces)
{
  static const char *head = "Break <b>bold?</b> \u202Ereversed\u202C tab\tnew\nline ";
  GString *text = g_string_new (head);

  for (guint n = g_utf8_strlen (head, -1); n < length; n++)
    g_string_append_c (text, spaces && n % 8 == 7 ? ' ' : 'a' + n % 26);

  return g_string_free (text, FALSE);
}

PbConfiguration *
pb_test_worked_example_named (const char *text)
{
  PbConfiguration *config = pb_test_worked_example ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  model = pb_configuration_get_agent_states (config);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (model, i);

      if (g_str_equal (pb_agent_state_get_id (state), "away.break"))
        g_ptr_array_add (states, pb_agent_state_new ("away.break", text, "away"));
      else
        g_ptr_array_add (states, g_steal_pointer (&state));
    }

  model = pb_configuration_get_presence_statuses (config);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (model, i);

      if (g_str_equal (pb_presence_status_get_api_name (status), "On_a_call"))
        g_ptr_array_add (statuses, pb_presence_status_new ("On_a_call", text, pb_presence_status_get_record_id (status),
                                                           pb_presence_status_get_channels (status)));
      else
        g_ptr_array_add (statuses, g_steal_pointer (&status));
    }

  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);

  return config;
}

char *
pb_test_data_path (const char *name)
{
  const char *dir = g_getenv ("PB_TEST_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

char *
pb_test_make_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
pb_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          pb_test_remove_tree (child);
        }
    }

  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  gboolean *finalized = data;

  *finalized = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
finalize_timeout_cb (gpointer data)
{
  g_error ("%s was not finalized within 10 s", (const char *)data);
  return G_SOURCE_REMOVE;
}

void
pb_test_finalize_soon (gpointer object)
{
  gboolean finalized = FALSE;
  guint timeout;

  g_assert_true (G_IS_OBJECT (object));

  g_object_weak_ref (object, finalized_cb, &finalized);
  timeout = g_timeout_add_seconds (10, finalize_timeout_cb, (gpointer)G_OBJECT_TYPE_NAME (object));
  g_object_unref (object);

  while (!finalized)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

static gboolean
wait_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

void
pb_test_wait_until (gboolean  (*done) (gpointer data),
                    gpointer    data,
                    const char *what)
{
  guint timeout = g_timeout_add_seconds (20, wait_timeout_cb, (gpointer)what);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

void
pb_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

GAsyncResult *
pb_test_wait_result (GAsyncResult **slot)
{
  pb_test_wait_until (result_arrived, slot, "a result");
  return g_steal_pointer (slot);
}

guint
pb_test_env_uint (const char *name,
                  guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint)value;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

double
pb_test_measure_median (void     (*func) (gpointer data),
                        gpointer   data,
                        guint      runs)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      func (data);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

PbProfile *
pb_test_add_profile (PbStore    *store,
                     const char *name)
{
  g_autoptr(PbProfile) profile = pb_profile_new (name);
  g_autoptr(GError) error = NULL;
  PbProfile *stored = pb_store_add_profile (store, profile, &error);

  g_assert_no_error (error);
  return stored;
}
