/* test-config-file.c: the interchange format, docs/config-format.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pb-test-fixtures.h"

static GDateTime *
fixed_time (void)
{
  return g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = pb_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static PbConfiguration *
load_text (const char  *text,
           gssize       length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize)length);

  return pb_config_file_load_bytes (bytes, error);
}

/* The worked example's text with @find (which must occur exactly once)
 * replaced by @replace. */
static char *
worked_example_with (const char *find,
                     const char *replace)
{
  g_autofree char *text = read_fixture ("worked-example.config.json", NULL);
  const char *hit = strstr (text, find);

  if (hit == NULL || strstr (hit + 1, find) != NULL)
    g_error ("“%s” does not occur exactly once in the worked example", find);

  return g_strdup_printf ("%.*s%s%s", (int)(hit - text), text, replace, hit + strlen (find));
}

/* Exports @configuration at the fixed time, loads the text back. */
static PbConfiguration *
round_trip (PbConfiguration  *configuration,
            char            **out_text)
{
  g_autoptr(GDateTime) time = fixed_time ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PbConfiguration *loaded;
  gsize length;

  text = pb_config_file_to_data (configuration, time, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  loaded = load_text (text, length, &error);
  if (error != NULL)
    g_error ("exported text does not load: %s\n%s", error->message, text);

  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  return loaded;
}

static GPtrArray *
model_to_array (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

static void
test_load_worked_example (void)
{
  g_autofree char *path = pb_test_data_path ("worked-example.config.json");
  g_autoptr(PbConfiguration) expected = pb_test_worked_example ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbPresenceStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const char *presence = "unset";

  loaded = pb_config_file_load_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, expected));

  /* Spot checks, so that a mistake shared by the loader and the fixture
   * builder still shows. */
  g_assert_cmpstr (pb_configuration_get_account_id (loaded), ==, "ACC-1001");
  g_assert_cmpstr (pb_configuration_get_org_id (loaded), ==, "00D5g000000EXAMPLE");
  g_assert_false (pb_configuration_get_org_sandbox (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (loaded)), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_major_states (loaded)), ==, 6);
  g_assert_true (pb_configuration_get_state_mapping (loaded, "logged_out", &presence));
  g_assert_null (presence);
  g_assert_false (pb_configuration_get_state_mapping (loaded, "busy.inbound", NULL));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (loaded, "Away_from_desk_temporary"), ==, "away.break");
  g_assert_null (pb_configuration_get_presence_mapping (loaded, "Ready_for_Chats"));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (loaded), ==, "ready");

  status = g_list_model_get_item (pb_configuration_get_presence_statuses (loaded), 0);
  g_assert_cmpstr (pb_presence_status_get_api_name (status), ==, "Ready_for_Cases");
  g_assert_null (pb_presence_status_get_record_id (status));
  g_assert_true (pb_presence_status_is_online (status));

  g_assert_cmpuint (json_object_get_size (pb_configuration_get_extra (loaded)), ==, 0);
}

static void
test_round_trip (void)
{
  static const char * const expected_in_order[] = {
    "{\n  \"format\": \"presence-bridge-config\",\n",
    "\n  \"version\": 1,\n",
    "\n  \"exportedAt\": \"2026-11-24T12:00:00Z\",\n",
    "\n  \"account\": { \"id\": \"ACC-1001\", \"name\": \"Example Contact Centre\" },\n",
    "\n  \"org\": { \"id\": \"00D5g000000EXAMPLE\", \"name\": \"Example Org\", \"sandbox\": false },\n",
    "\n  \"agentStates\": [\n    { \"id\": \"ready\", \"name\": \"Ready\", \"major\": null },\n",
    "\n    { \"id\": \"away.break\", \"name\": \"Break\", \"major\": \"away\" },\n",
    "\n  \"presenceStatuses\": [\n    { \"apiName\": \"Ready_for_Cases\", \"label\": \"Ready for cases\", \"channels\": [\"sfdc_case\"] },\n",
    "\n    { \"apiName\": \"On_a_call\", \"label\": \"On a call\", \"channels\": [] },\n",
    "\n  \"presenceToState\": {\n    \"Away_from_desk_temporary\": \"away.break\",\n    \"On_a_call\": \"away\",\n    \"Ready_for_Cases\": \"ready\"\n  },\n",
    "\n  \"stateToPresence\": {\n    \"away\": \"Away_from_desk_temporary\",\n    \"busy\": \"On_a_call\",\n    \"logged_out\": null,\n    \"ready\": \"Ready_for_Cases\",\n",
    "\n  \"revertToLastStatus\": false,\n",
    "\n  \"agentPostCallState\": \"ready\"\n}\n",
  };
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) reloaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *previous;

  loaded = round_trip (example, &first);
  g_assert_true (pb_configuration_equal (loaded, example));

  /* Export of what was loaded: the same bytes again. */
  reloaded = round_trip (loaded, &second);
  g_assert_true (pb_configuration_equal (reloaded, example));
  g_assert_cmpstr (first, ==, second);

  previous = first;
  for (guint i = 0; i < G_N_ELEMENTS (expected_in_order); i++)
    {
      const char *hit = strstr (first, expected_in_order[i]);

      if (hit == NULL || hit < previous)
        g_error ("not found in order in the export: %s\n%s", expected_in_order[i], first);
      previous = hit;
    }

  /* The presence status record id is not part of the format. */
  g_assert_null (strstr (first, "\"id\": null"));
  g_assert_null (strstr (first, "recordId"));
}

static void
test_export_stable (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) rebuilt = pb_configuration_new ();
  g_autoptr(GPtrArray) states = model_to_array (pb_configuration_get_agent_states (example));
  g_autoptr(GPtrArray) statuses = model_to_array (pb_configuration_get_presence_statuses (example));
  g_autoptr(GPtrArray) state_keys = pb_configuration_list_state_mappings (example);
  g_autoptr(GPtrArray) presence_keys = pb_configuration_list_presence_mappings (example);
  g_autoptr(GDateTime) time = fixed_time ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local_time = g_date_time_new (zone, 2026, 11, 24, 14, 0, 0);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *now = NULL;

  a = pb_config_file_to_data (example, time, NULL);
  b = pb_config_file_to_data (example, time, NULL);
  g_assert_cmpstr (a, ==, b);

  /* The same configuration built in another order gives the same bytes. */
  pb_configuration_set_agent_states (rebuilt, states);
  pb_configuration_set_presence_statuses (rebuilt, statuses);
  for (guint i = state_keys->len; i > 0; i--)
    {
      const char *state_id = g_ptr_array_index (state_keys, i - 1);
      const char *presence = NULL;

      pb_configuration_get_state_mapping (example, state_id, &presence);
      pb_configuration_set_state_mapping (rebuilt, state_id, presence);
    }
  for (guint i = presence_keys->len; i > 0; i--)
    {
      const char *api_name = g_ptr_array_index (presence_keys, i - 1);

      pb_configuration_set_presence_mapping (rebuilt, api_name,
                                             pb_configuration_get_presence_mapping (example, api_name));
    }
  pb_configuration_set_org (rebuilt, "00D5g000000EXAMPLE", "Example Org", FALSE);
  pb_configuration_set_account (rebuilt, "ACC-1001", "Example Contact Centre");
  g_assert_true (pb_configuration_equal (rebuilt, example));
  c = pb_config_file_to_data (rebuilt, time, NULL);
  g_assert_cmpstr (a, ==, c);

  /* The time is written in UTC, whatever zone it comes in. */
  d = pb_config_file_to_data (example, local_time, NULL);
  g_assert_cmpstr (a, ==, d);

  now = pb_config_file_to_data (example, NULL, NULL);
  g_assert_true (g_regex_match_simple ("\n  \"exportedAt\": \"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\",\n",
                                       now, 0, 0));
}

static void
test_export_logged_out (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) pristine = pb_test_worked_example ();
  g_autoptr(PbConfiguration) no_logged_out = pb_configuration_new ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) time = fixed_time ();
  g_autofree char *text = NULL;
  const char *presence = "unset";

  /* No entry of its own: export still writes the fixed null. */
  pb_configuration_unset_state_mapping (example, "logged_out");
  loaded = round_trip (example, &text);
  g_assert_nonnull (strstr (text, "\n    \"logged_out\": null,\n"));
  g_assert_true (pb_configuration_get_state_mapping (loaded, "logged_out", &presence));
  g_assert_null (presence);
  g_assert_true (pb_configuration_equal (loaded, pristine));
  g_clear_pointer (&text, g_free);
  g_clear_object (&loaded);

  /* A presence for Logged out has no effect; the file says what happens. */
  pb_configuration_set_state_mapping (example, "logged_out", "On_a_call");
  text = pb_config_file_to_data (example, time, NULL);
  g_assert_nonnull (strstr (text, "\n    \"logged_out\": null,\n"));
  g_assert_null (strstr (text, "\"logged_out\": \"On_a_call\""));
  g_clear_pointer (&text, g_free);

  /* Without a Logged out state there is nothing to write. */
  g_ptr_array_add (states, pb_agent_state_new ("ready", "Ready", NULL));
  pb_configuration_set_agent_states (no_logged_out, states);
  pb_configuration_set_state_mapping (no_logged_out, "ready", NULL);
  text = pb_config_file_to_data (no_logged_out, time, NULL);
  g_assert_null (strstr (text, "logged_out"));
  g_assert_nonnull (strstr (text, "\n  \"stateToPresence\": {\n    \"ready\": null\n  },\n"));
}

static void
test_export_unset_account (void)
{
  g_autoptr(PbConfiguration) empty = pb_configuration_new ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) partial = pb_configuration_new ();
  g_autoptr(PbConfiguration) partial_loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *partial_text = NULL;

  loaded = round_trip (empty, &text);
  g_assert_true (pb_configuration_equal (loaded, empty));
  g_assert_null (strstr (text, "\"account\""));
  g_assert_null (strstr (text, "\"org\""));
  g_assert_nonnull (strstr (text, "\n  \"agentStates\": [],\n  \"presenceStatuses\": [],\n"
                                  "  \"presenceToState\": {},\n  \"stateToPresence\": {},\n"));
  g_assert_null (pb_configuration_get_account_id (loaded));
  g_assert_null (pb_configuration_get_org_name (loaded));

  /* Half-known: the unknown half is written as null and read back as unset. */
  pb_configuration_set_account (partial, NULL, "Name only");
  pb_configuration_set_org (partial, "00Dxx", NULL, TRUE);
  partial_loaded = round_trip (partial, &partial_text);
  g_assert_true (pb_configuration_equal (partial_loaded, partial));
  g_assert_nonnull (strstr (partial_text, "\"account\": { \"id\": null, \"name\": \"Name only\" }"));
  g_assert_nonnull (strstr (partial_text, "\"org\": { \"id\": \"00Dxx\", \"name\": null, \"sandbox\": true }"));
}

static void
test_optional_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) with_nulls = NULL;

  loaded = load_text ("{ \"format\": \"presence-bridge-config\", \"version\": 1,"
                      "  \"agentStates\": [], \"presenceStatuses\": [],"
                      "  \"presenceToState\": {}, \"stateToPresence\": {},"
                      "  \"revertToLastStatus\": true, \"agentPostCallState\": \"wrap\" }", -1, &error);
  g_assert_no_error (error);
  g_assert_null (pb_configuration_get_account_id (loaded));
  g_assert_true (pb_configuration_get_revert_to_last_status (loaded));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (loaded), ==, "wrap");

  /* Keys in any order, null for the optional ones. */
  with_nulls = load_text ("{ \"agentPostCallState\": \"ready\", \"revertToLastStatus\": false,"
                          "  \"stateToPresence\": { \"ready\": null }, \"presenceToState\": {},"
                          "  \"presenceStatuses\": [], \"agentStates\": [],"
                          "  \"account\": null, \"org\": { \"id\": \"00D\" }, \"exportedAt\": null,"
                          "  \"version\": 1, \"format\": \"presence-bridge-config\" }", -1, &error);
  g_assert_no_error (error);
  g_assert_null (pb_configuration_get_account_name (with_nulls));
  g_assert_cmpstr (pb_configuration_get_org_id (with_nulls), ==, "00D");
  g_assert_false (pb_configuration_get_org_sandbox (with_nulls));
  g_assert_true (pb_configuration_get_state_mapping (with_nulls, "ready", NULL));
}

static void
test_extra_keys (void)
{
  g_autofree char *source = worked_example_with ("  \"agentPostCallState\": \"ready\"\n",
                                                 "  \"agentPostCallState\": \"ready\",\n"
                                                 "  \"zNotes\": \"promoted from the sandbox\",\n"
                                                 "  \"aMeta\": { \"tags\": [\"a\", 1, -2.5, 1e3, true, null, {}, []],"
                                                 " \"nested\": { \"k\": { \"deep\": [[0]] } } }\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) reloaded = NULL;
  g_autoptr(PbConfiguration) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  JsonObject *extra;
  JsonObject *extra_reloaded;
  const char *a_meta, *z_notes, *post_call;

  loaded = load_text (source, -1, &error);
  g_assert_no_error (error);
  extra = pb_configuration_get_extra (loaded);
  g_assert_cmpuint (json_object_get_size (extra), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (extra, "zNotes"), ==, "promoted from the sandbox");

  reloaded = round_trip (loaded, &text);
  extra_reloaded = pb_configuration_get_extra (reloaded);
  g_assert_cmpuint (json_object_get_size (extra_reloaded), ==, 2);
  g_assert_true (json_node_equal (json_object_get_member (extra, "aMeta"),
                                  json_object_get_member (extra_reloaded, "aMeta")));
  g_assert_true (json_node_equal (json_object_get_member (extra, "zNotes"),
                                  json_object_get_member (extra_reloaded, "zNotes")));

  /* Extra keys come after the known ones, sorted. */
  post_call = strstr (text, "\"agentPostCallState\"");
  a_meta = strstr (text, "\n  \"aMeta\": {\n    \"tags\": [\n      \"a\",\n      1,\n      -2.5,\n      1000.0,\n");
  z_notes = strstr (text, "\n  \"zNotes\": \"promoted from the sandbox\"\n}\n");
  g_assert_nonnull (post_call);
  g_assert_nonnull (a_meta);
  g_assert_nonnull (z_notes);
  g_assert_true (post_call < a_meta && a_meta < z_notes);

  again = round_trip (reloaded, &text_again);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_extra_known_key_not_duplicated (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autofree char *text = NULL;

  /* Set in code, an extra key may collide with a format key: it is dropped. */
  json_object_set_string_member (extra, "format", "something-else");
  json_object_set_double_member (extra, "ratio", 2.0);
  pb_configuration_set_extra (example, extra);

  loaded = round_trip (example, &text);
  g_assert_nonnull (strstr (text, "\n  \"ratio\": 2.0\n"));
  g_assert_null (strstr (text, "something-else"));
  g_assert_cmpfloat (json_object_get_double_member (pb_configuration_get_extra (loaded), "ratio"), ==, 2.0);
}

static void
test_unicode (void)
{
  static const struct { const char *api, *label; } labels[] = {
    { "Emoji", "Prêt 🎧 pour les chats 👩‍💻" },
    { "Rtl", "מוכן לשיחות — جاهز" },
    { "Combining", "Cafe\xCC\x81 (e + U+0301), n\xCC\x83" },
    { "Escapes", "quote \" backslash \\ tab \t newline \n bell \x07 del \x7F" },
    { "Controls", "us \x1F c1 \xC2\x85 rlo \xE2\x80\xAE lri \xE2\x81\xA6 nbsp \xC2\xA0 dash \xE2\x80\x94" },
    { "Cjk", "通話中 (つうわちゅう)" },
  };
  g_autoptr(PbConfiguration) configuration = pb_configuration_new ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_ptr_array_add (statuses, pb_presence_status_new (labels[i].api, labels[i].label, NULL, NULL));
  g_ptr_array_add (states, pb_agent_state_new ("ready", "Prêt ✅", NULL));
  g_ptr_array_add (states, pb_agent_state_new ("pause.été", "Pause d’été ☀️", "ready"));
  pb_configuration_set_presence_statuses (configuration, statuses);
  pb_configuration_set_agent_states (configuration, states);
  pb_configuration_set_presence_mapping (configuration, "Emoji", "pause.été");
  pb_configuration_set_state_mapping (configuration, "pause.été", "Rtl");

  loaded = round_trip (configuration, &text);
  g_assert_true (pb_configuration_equal (loaded, configuration));

  /* Byte for byte: no normalisation, non-ASCII text written as is. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(PbPresenceStatus) status =
        g_list_model_get_item (pb_configuration_get_presence_statuses (loaded), i);

      g_assert_cmpstr (pb_presence_status_get_label (status), ==, labels[i].label);
    }
  g_assert_nonnull (strstr (text, "\"Prêt 🎧 pour les chats 👩‍💻\""));
  /* Controls and bidi overrides escaped, so the file is safe on a terminal;
   * other text is left alone. */
  g_assert_nonnull (strstr (text, "\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 del \\u007f\""));
  g_assert_nonnull (strstr (text, "\"us \\u001f c1 \\u0085 rlo \\u202e lri \\u2066 nbsp \xC2\xA0 dash \xE2\x80\x94\""));
}

static void
test_escapes_decode (void)
{
  g_autofree char *source = worked_example_with ("\"label\": \"On a call\"",
                                                 "\"label\": \"caf\\u00e9 \\ud83c\\udfa7 \\/ \\\"x\\\" \\b\\f\\n\\r\\t\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) loaded = load_text (source, -1, &error);
  g_autoptr(PbPresenceStatus) status = NULL;

  g_assert_no_error (error);
  status = g_list_model_get_item (pb_configuration_get_presence_statuses (loaded), 2);
  g_assert_cmpstr (pb_presence_status_get_label (status), ==, "café 🎧 / \"x\" \b\f\n\r\t");
}

static void
test_bom (void)
{
  g_autofree char *text = read_fixture ("worked-example.config.json", NULL);
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  g_autoptr(PbConfiguration) expected = pb_test_worked_example ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *broken = "\xEF\xBB\xBF{\n  \"format\": 'x'";

  loaded = load_text (with_bom, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, expected));

  /* Positions count from after the BOM, as an editor shows them. */
  g_assert_null (load_text (broken, -1, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_true (g_str_has_prefix (error->message, "line 2:13: "));
}

typedef struct
{
  const char *name;
  const char *find;     /* NULL: @replace is the whole file */
  const char *replace;
  PbError     code;
  const char *message;  /* expected at the start of the message, or … */
  const char *contains; /* … expected in it (may be NULL) */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  /* Not a configuration file at all */
  { "empty", NULL, "", PB_ERROR_INVALID_FILE, "the file is empty", NULL },
  { "blank", NULL, " \n\t\r\n", PB_ERROR_INVALID_FILE, "the file is empty", NULL },
  { "top-level-array", NULL, "[{\"format\": \"presence-bridge-config\"}]", PB_ERROR_INVALID_FILE, "top level: ", "object" },
  { "top-level-string", NULL, "\"presence-bridge-config\"", PB_ERROR_INVALID_FILE, "top level: ", NULL },
  { "top-level-number", NULL, "1", PB_ERROR_INVALID_FILE, "top level: ", NULL },
  { "top-level-null", NULL, "null", PB_ERROR_INVALID_FILE, "top level: ", NULL },
  { "utf16", NULL, "\xFF\xFE{", PB_ERROR_INVALID_FILE, "the file is encoded in UTF-16", NULL },
  { "other-json", NULL, "{\"name\": \"package\", \"version\": \"1.0\"}", PB_ERROR_INVALID_FILE, "format: ", NULL },

  /* Malformed JSON: json-glib's errors, with the line and column */
  { "truncated", NULL, "{\n  \"format\": \"presence-bridge-config\",\n  \"version\": 1,\n  \"agentStates\": [",
    PB_ERROR_INVALID_FILE, "line 4:", NULL },
  { "truncated-in-string", NULL, "{\n  \"format\": \"presence-bri", PB_ERROR_INVALID_FILE, "line 2:13: ", "not closed" },
  { "missing-comma", "\"version\": 1,", "\"version\": 1", PB_ERROR_INVALID_FILE, "line 3:14: ", "expected character `,'" },
  { "missing-colon-odd-key", "\"version\": 1,", "\"ver\\nsion\" 1,", PB_ERROR_INVALID_FILE, "line 3:", "ver sion" },
  { "missing-colon", "\"version\": 1,", "\"version\" 1,", PB_ERROR_INVALID_FILE, "line 3:", NULL },
  { "trailing-comma", "\"agentPostCallState\": \"ready\"\n", "\"agentPostCallState\": \"ready\",\n",
    PB_ERROR_INVALID_FILE, "line 43:32: ", "comma before “}”" },
  { "trailing-comma-array", "[\"sfdc_livechat\"]", "[\"sfdc_livechat\", ]", PB_ERROR_INVALID_FILE, "line 24:", "comma before “]”" },
  { "duplicate-odd-key", "    \"busy\": \"On_a_call\",\n", "    \"a\\nb\": \"On_a_call\",\n    \"a\\nb\": null,\n",
    PB_ERROR_INVALID_FILE, "line 38:", "“a\\nb”" },
  { "unclosed-array", "    { \"id\": \"logged_out\", \"name\": \"Logged out\", \"major\": null }\n  ],",
    "    { \"id\": \"logged_out\", \"name\": \"Logged out\", \"major\": null }\n", PB_ERROR_INVALID_FILE, "line ", NULL },
  { "stray-closer", NULL, "}", PB_ERROR_INVALID_FILE, "line 1:1: ", NULL },
  { "second-document", "\"agentPostCallState\": \"ready\"\n}\n", "\"agentPostCallState\": \"ready\"\n}\n{}\n",
    PB_ERROR_INVALID_FILE, "line 45:1: ", "after the end" },
  /* Found by fuzz-config-file: json-glib parsed (and leaked) an object after
   * a top-level scalar, which the pre-scan let through. */
  { "scalar-then-object", NULL, "null{\"format\": \"presence-bridge-config\"}", PB_ERROR_INVALID_FILE,
    "line 1:5: ", "after the end" },
  { "number-then-object", NULL, "\t\t8888{\n  \"format\": 1\n}", PB_ERROR_INVALID_FILE, "line 1:7: ", "after the end" },
  { "string-then-array", NULL, "\"presence-bridge-config\" []", PB_ERROR_INVALID_FILE, "line 1:26: ", "after the end" },

  /* What json-glib would accept but JSON does not */
  { "comment", "\"version\": 1,", "\"version\": 1, // first version", PB_ERROR_INVALID_FILE, "line 3:17: ", "“/”" },
  { "block-comment", NULL, "/* x */ {}", PB_ERROR_INVALID_FILE, "line 1:1: ", NULL },
  { "single-quotes", "\"ACC-1001\"", "'ACC-1001'", PB_ERROR_INVALID_FILE, "line 5:22: ", "“'”" },
  { "curly-quotes", "\"ACC-1001\"", "“ACC-1001”", PB_ERROR_INVALID_FILE, "line 5:22: ", "““”" },
  { "bare-word", "\"ACC-1001\"", "ACC", PB_ERROR_INVALID_FILE, "line 5:22: ", "“ACC”" },
  { "var-assignment", NULL, "var config = {};", PB_ERROR_INVALID_FILE, "line 1:1: ", "“var”" },
  { "nan", "\"version\": 1", "\"version\": NaN", PB_ERROR_INVALID_FILE, "line 3:14: ", "“NaN”" },
  { "leading-zero", "\"version\": 1", "\"version\": 01", PB_ERROR_INVALID_FILE, "line 3:14: ", "number" },
  { "leading-plus", "\"version\": 1", "\"version\": +1", PB_ERROR_INVALID_FILE, "line 3:14: ", "“+”" },
  { "hex-number", "\"version\": 1", "\"version\": 0x1", PB_ERROR_INVALID_FILE, "line 3:1", NULL },
  { "bare-fraction", "\"version\": 1", "\"version\": .5", PB_ERROR_INVALID_FILE, "line 3:14: ", NULL },
  { "integer-overflow", "\"version\": 1", "\"version\": 18446744073709551617", PB_ERROR_INVALID_FILE, "line 3:14: ", "out of range" },
  { "double-overflow", "\"revertToLastStatus\": false", "\"revertToLastStatus\": false, \"x\": 1e999",
    PB_ERROR_INVALID_FILE, "line 42:", "out of range" },
  { "nul-escape", "\"label\": \"On a call\"", "\"label\": \"On a\\u0000call\"", PB_ERROR_INVALID_FILE, "line 25:", "NUL" },
  { "lone-high-surrogate", "\"label\": \"On a call\"", "\"label\": \"On a \\ud83c call\"", PB_ERROR_INVALID_FILE, "line 25:", "surrogate" },
  { "lone-low-surrogate", "\"label\": \"On a call\"", "\"label\": \"\\udfa7\"", PB_ERROR_INVALID_FILE, "line 25:", "surrogate" },
  { "short-unicode-escape", "\"label\": \"On a call\"", "\"label\": \"\\u12\"", PB_ERROR_INVALID_FILE, "line 25:", "\\u" },
  { "octal-escape", "\"label\": \"On a call\"", "\"label\": \"\\377\"", PB_ERROR_INVALID_FILE, "line 25:", "escape" },
  { "unknown-escape", "\"label\": \"On a call\"", "\"label\": \"\\x41\"", PB_ERROR_INVALID_FILE, "line 25:", "escape" },
  { "raw-tab-in-string", "\"label\": \"On a call\"", "\"label\": \"On\ta call\"", PB_ERROR_INVALID_FILE, "line 25:", "U+0009" },
  { "raw-newline-in-string", "\"label\": \"On a call\"", "\"label\": \"On a\ncall\"", PB_ERROR_INVALID_FILE, "line 25:", "not closed" },
  { "duplicate-key", "    \"busy\": \"On_a_call\",\n", "    \"busy\": \"On_a_call\",\n    \"busy\": \"Taking_notes\",\n",
    PB_ERROR_INVALID_FILE, "line ", "“busy” appears twice" },
  { "duplicate-top-level-key", "\"version\": 1,", "\"version\": 1, \"version\": 1,", PB_ERROR_INVALID_FILE, "line 3:", "“version”" },

  /* Encoding */
  { "invalid-utf8-label", "Ready for cases", "Ready for \xC3\x28 cases", PB_ERROR_INVALID_FILE, "line 23:", "UTF-8" },
  { "latin1-label", "Ready for cases", "Pr\xEAt", PB_ERROR_INVALID_FILE, "line 23:", "byte" },
  { "overlong-utf8", "Ready for cases", "\xC0\xAF", PB_ERROR_INVALID_FILE, "line 23:", "UTF-8" },

  /* The header */
  { "missing-format", "  \"format\": \"presence-bridge-config\",\n", "", PB_ERROR_INVALID_FILE, "format: ", NULL },
  { "wrong-format", "\"presence-bridge-config\"", "\"presence-bridge-export\"", PB_ERROR_INVALID_FILE, "format: ", "presence-bridge-config" },
  { "format-number", "\"presence-bridge-config\"", "1", PB_ERROR_INVALID_FILE, "format: ", NULL },
  { "format-null", "\"presence-bridge-config\"", "null", PB_ERROR_INVALID_FILE, "format: ", NULL },
  { "version-2", "\"version\": 1", "\"version\": 2", PB_ERROR_UNSUPPORTED_VERSION, "version: ", "newer version" },
  { "version-huge", "\"version\": 1", "\"version\": 9007199254740993", PB_ERROR_UNSUPPORTED_VERSION, "version: ", "newer" },
  { "version-string", "\"version\": 1", "\"version\": \"1\"", PB_ERROR_INVALID_FILE, "version: expected a whole number", NULL },
  { "version-fraction", "\"version\": 1", "\"version\": 1.0", PB_ERROR_INVALID_FILE, "version: expected a whole number", NULL },
  { "version-zero", "\"version\": 1", "\"version\": 0", PB_ERROR_INVALID_FILE, "version: ", NULL },
  { "version-negative", "\"version\": 1", "\"version\": -1", PB_ERROR_INVALID_FILE, "version: ", NULL },
  { "version-null", "\"version\": 1", "\"version\": null", PB_ERROR_INVALID_FILE, "version: ", NULL },
  { "version-missing", "  \"version\": 1,\n", "", PB_ERROR_INVALID_FILE, "version: missing", NULL },
  /* A newer version is refused before its (maybe different) body is read. */
  { "version-2-other-body", NULL, "{\"format\": \"presence-bridge-config\", \"version\": 2, \"agentStates\": 7}",
    PB_ERROR_UNSUPPORTED_VERSION, "version: ", NULL },

  /* Types, with the JSON path */
  { "exported-at-number", "\"2026-11-24T12:00:00Z\"", "20261124", PB_ERROR_INVALID_FILE, "exportedAt: expected a string", NULL },
  { "exported-at-not-a-date", "\"2026-11-24T12:00:00Z\"", "\"last Tuesday\"", PB_ERROR_INVALID_FILE, "exportedAt: ", NULL },
  { "account-string", "{ \"id\": \"ACC-1001\", \"name\": \"Example Contact Centre\" }", "\"ACC-1001\"",
    PB_ERROR_INVALID_FILE, "account: expected an object or null", NULL },
  { "account-id-number", "\"id\": \"ACC-1001\"", "\"id\": 1001", PB_ERROR_INVALID_FILE, "account.id: expected a string", NULL },
  { "org-sandbox-string", "\"sandbox\": false", "\"sandbox\": \"no\"", PB_ERROR_INVALID_FILE, "org.sandbox: expected true or false", NULL },
  { "agent-states-missing", "\"agentStates\": [", "\"notAgentStates\": [", PB_ERROR_INVALID_FILE, "agentStates: missing", NULL },
  { "agent-states-object", "\"agentStates\": [", "\"agentStates\": {}, \"old\": [", PB_ERROR_INVALID_FILE, "agentStates: expected an array", NULL },
  { "agent-states-null", "\"agentStates\": [", "\"agentStates\": null, \"old\": [", PB_ERROR_INVALID_FILE, "agentStates: expected an array", NULL },
  { "agent-state-string", "{ \"id\": \"ready\", \"name\": \"Ready\", \"major\": null }", "\"ready\"",
    PB_ERROR_INVALID_FILE, "agentStates[0]: expected an object", NULL },
  { "agent-state-id-number", "{ \"id\": \"busy.inbound\",", "{ \"id\": 4,", PB_ERROR_INVALID_FILE, "agentStates[3].id: expected a non-empty string", NULL },
  { "agent-state-id-empty", "{ \"id\": \"busy.inbound\",", "{ \"id\": \"\",", PB_ERROR_INVALID_FILE, "agentStates[3].id: expected a non-empty string", NULL },
  { "agent-state-id-missing", "{ \"id\": \"busy.inbound\",", "{", PB_ERROR_INVALID_FILE, "agentStates[3].id: missing", NULL },
  { "agent-state-major-number", "\"name\": \"Busy Inbound\", \"major\": \"busy\"", "\"name\": \"Busy Inbound\", \"major\": 5",
    PB_ERROR_INVALID_FILE, "agentStates[3].major: expected a string or null", NULL },
  { "agent-state-major-missing", "\"name\": \"Busy Inbound\", \"major\": \"busy\"", "\"name\": \"Busy Inbound\"",
    PB_ERROR_INVALID_FILE, "agentStates[3].major: missing", NULL },
  { "agent-state-name-missing", "\"name\": \"Wrap up\", ", "", PB_ERROR_INVALID_FILE, "agentStates[6].name: missing", NULL },
  { "agent-state-name-array", "\"name\": \"Wrap up\"", "\"name\": [\"Wrap up\"]", PB_ERROR_INVALID_FILE, "agentStates[6].name: expected a string", NULL },
  { "presence-statuses-string", "\"presenceStatuses\": [", "\"presenceStatuses\": \"all\", \"old\": [",
    PB_ERROR_INVALID_FILE, "presenceStatuses: expected an array", NULL },
  { "status-api-name-missing", "{ \"apiName\": \"Taking_notes\", ", "{ ", PB_ERROR_INVALID_FILE, "presenceStatuses[4].apiName: missing", NULL },
  { "status-api-name-bool", "\"apiName\": \"Taking_notes\"", "\"apiName\": true", PB_ERROR_INVALID_FILE, "presenceStatuses[4].apiName: ", NULL },
  { "status-label-null", "\"label\": \"On a call\"", "\"label\": null", PB_ERROR_INVALID_FILE, "presenceStatuses[2].label: expected a string", NULL },
  { "channels-not-array", "\"channels\": [\"sfdc_case\"]", "\"channels\": \"sfdc_case\"", PB_ERROR_INVALID_FILE, "presenceStatuses[0].channels: expected an array", NULL },
  { "channels-missing", ", \"channels\": [\"sfdc_case\"]", "", PB_ERROR_INVALID_FILE, "presenceStatuses[0].channels: missing", NULL },
  { "channel-number", "[\"sfdc_livechat\"]", "[\"sfdc_livechat\", 42]", PB_ERROR_INVALID_FILE, "presenceStatuses[1].channels[1]: expected a string", NULL },
  { "channel-null", "[\"sfdc_livechat\"]", "[null]", PB_ERROR_INVALID_FILE, "presenceStatuses[1].channels[0]: expected a string", NULL },
  { "presence-to-state-array", "\"presenceToState\": {", "\"presenceToState\": [], \"old\": {", PB_ERROR_INVALID_FILE, "presenceToState: expected an object", NULL },
  { "presence-to-state-missing", "\"presenceToState\": {", "\"presenceToStates\": {", PB_ERROR_INVALID_FILE, "presenceToState: missing", NULL },
  { "presence-to-state-number", "\"On_a_call\": \"away\"", "\"On_a_call\": 3", PB_ERROR_INVALID_FILE, "presenceToState.On_a_call: expected a string", NULL },
  { "presence-to-state-null", "\"On_a_call\": \"away\"", "\"On_a_call\": null", PB_ERROR_INVALID_FILE, "presenceToState.On_a_call: expected a string", NULL },
  { "presence-to-state-odd-key", "\"On_a_call\": \"away\"", "\"On a call\": {}", PB_ERROR_INVALID_FILE, "presenceToState[\"On a call\"]: expected a string", NULL },
  { "state-to-presence-bool", "\"busy\": \"On_a_call\"", "\"busy\": true", PB_ERROR_INVALID_FILE, "stateToPresence.busy: expected a string or null", NULL },
  { "state-to-presence-dotted-key", "\"busy\": \"On_a_call\"", "\"busy.inbound\": 1", PB_ERROR_INVALID_FILE, "stateToPresence.busy.inbound: expected a string or null", NULL },
  { "state-to-presence-missing", "\"stateToPresence\": {", "\"state_to_presence\": {", PB_ERROR_INVALID_FILE, "stateToPresence: missing", NULL },
  { "state-to-presence-string", "\"stateToPresence\": {", "\"stateToPresence\": \"none\", \"old\": {", PB_ERROR_INVALID_FILE, "stateToPresence: expected an object", NULL },
  { "revert-string", "\"revertToLastStatus\": false", "\"revertToLastStatus\": \"false\"", PB_ERROR_INVALID_FILE, "revertToLastStatus: expected true or false", NULL },
  { "revert-number", "\"revertToLastStatus\": false", "\"revertToLastStatus\": 0", PB_ERROR_INVALID_FILE, "revertToLastStatus: expected true or false", NULL },
  { "revert-missing", "  \"revertToLastStatus\": false,\n", "", PB_ERROR_INVALID_FILE, "revertToLastStatus: missing", NULL },
  { "post-call-null", "\"agentPostCallState\": \"ready\"", "\"agentPostCallState\": null", PB_ERROR_INVALID_FILE, "agentPostCallState: expected a string", NULL },
  { "post-call-missing", ",\n  \"agentPostCallState\": \"ready\"", "", PB_ERROR_INVALID_FILE, "agentPostCallState: missing", NULL },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *broken = data;
  g_autofree char *text = NULL;
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GError) error = NULL;

  text = broken->find != NULL ? worked_example_with (broken->find, broken->replace) : g_strdup (broken->replace);
  configuration = load_text (text, -1, &error);

  g_assert_null (configuration);
  g_assert_error (error, PB_ERROR, (int)broken->code);
  if (!g_str_has_prefix (error->message, broken->message))
    g_error ("%s: message “%s” does not start with “%s”", broken->name, error->message, broken->message);
  if (broken->contains != NULL && strstr (error->message, broken->contains) == NULL)
    g_error ("%s: message “%s” does not contain “%s”", broken->name, error->message, broken->contains);
  /* One line for the CLI, nothing else. */
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("%s: %s", broken->name, error->message);
}

static void
test_nul_byte (void)
{
  gsize length;
  g_autofree char *text = read_fixture ("worked-example.config.json", &length);
  g_autoptr(GError) error = NULL;
  char *label = strstr (text, "Ready for cases");

  label[5] = '\0';
  g_assert_null (load_text (text, length, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_true (g_str_has_prefix (error->message, "line 23:"));
  g_assert_nonnull (strstr (error->message, "NUL"));
}

static void
assert_nesting_refused (const char *opener,
                        guint       count)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < count; i++)
    g_string_append (text, opener);

  g_assert_null (load_text (text->str, text->len, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "nested more than 64 levels"));
}

/* A value nested @levels deep (the top-level object is level 1) in an extra key. */
static char *
nested_extra (guint levels)
{
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 1; i < levels; i++)
    g_string_append_c (value, '[');
  for (guint i = 1; i < levels; i++)
    g_string_append_c (value, ']');

  return g_strdup_printf ("{\"format\": \"presence-bridge-config\", \"version\": 1, \"agentStates\": [],"
                          " \"presenceStatuses\": [], \"presenceToState\": {}, \"stateToPresence\": {},"
                          " \"revertToLastStatus\": false, \"agentPostCallState\": \"ready\", \"deep\": %s}",
                          value->str);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at_limit = nested_extra (PB_CONFIG_FILE_MAX_DEPTH);
  g_autofree char *over_limit = nested_extra (PB_CONFIG_FILE_MAX_DEPTH + 1);
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) reloaded = NULL;
  g_autoptr(GString) brackets_in_string = g_string_new ("{\"format\": \"");

  assert_nesting_refused ("[", 100000);
  assert_nesting_refused ("{\"a\":", 100000);
  assert_nesting_refused ("[{\"a\":", 50000);

  /* Exactly the limit loads and survives export (extras included). */
  loaded = load_text (at_limit, -1, &error);
  g_assert_no_error (error);
  reloaded = round_trip (loaded, NULL);
  g_assert_true (json_node_equal (json_object_get_member (pb_configuration_get_extra (loaded), "deep"),
                                  json_object_get_member (pb_configuration_get_extra (reloaded), "deep")));

  g_assert_null (load_text (over_limit, -1, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_true (g_str_has_prefix (error->message, "line 1:"));
  g_clear_error (&error);

  /* Brackets inside strings are text, not nesting. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (brackets_in_string, "[{");
  g_string_append (brackets_in_string, "\"}");
  g_assert_null (load_text (brackets_in_string->str, -1, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_true (g_str_has_prefix (error->message, "format: "));
}

static void
test_too_large_bytes (void)
{
  gsize size = PB_CONFIG_FILE_MAX_SIZE + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Valid JSON apart from its size: refused for the size alone. */
  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  bytes = g_bytes_new_take (data, size);

  g_assert_null (pb_config_file_load_bytes (bytes, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_nonnull (strstr (error->message, "16.0\u00a0MiB"));
}

static void
test_load_path_errors (void)
{
  g_autofree char *dir = pb_test_make_dir ("test-config-file-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "missing.config.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.config.json", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_null (pb_config_file_load_path (missing, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  g_assert_null (pb_config_file_load_path (dir, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  /* A sparse 17 MiB file: refused from its size, without reading it. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 17 * 1024 * 1024), ==, 0);
  g_assert_true (g_close (fd, NULL));
  g_assert_null (pb_config_file_load_path (huge, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_nonnull (strstr (error->message, "17.0\u00a0MiB"));

  pb_test_remove_tree (dir);
}

static void
test_broken_fixture_files (void)
{
  static const struct { const char *name; PbError code; const char *message; } files[] = {
    { "broken/truncated.config.json", PB_ERROR_INVALID_FILE, "line 16:" },
    { "broken/invalid-utf8-label.config.json", PB_ERROR_INVALID_FILE, "line 5:" },
    { "broken/version-2.config.json", PB_ERROR_UNSUPPORTED_VERSION, "version: " },
    { "broken/wrong-types.config.json", PB_ERROR_INVALID_FILE, "agentStates[1].major: expected a string or null" },
    { "broken/duplicate-key.config.json", PB_ERROR_INVALID_FILE, "line 15:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = pb_test_data_path (files[i].name);
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_config_file_load_path (path, &error));
      g_assert_error (error, PB_ERROR, (int)files[i].code);
      if (!g_str_has_prefix (error->message, files[i].message))
        g_error ("%s: “%s” does not start with “%s”", files[i].name, error->message, files[i].message);
    }
}

/* Semantic problems are the checks' business: such a file loads. */
static void
test_semantic_problems_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) reloaded = NULL;

  loaded = load_text ("{ \"format\": \"presence-bridge-config\", \"version\": 1,"
                      "  \"agentStates\": [ { \"id\": \"ready\", \"name\": \"Ready\", \"major\": null },"
                      "                     { \"id\": \"ready\", \"name\": \"Ready again\", \"major\": null },"
                      "                     { \"id\": \"away\", \"name\": \"Away\", \"major\": null },"
                      "                     { \"id\": \"orphan\", \"name\": \"Orphan\", \"major\": \"gone\" } ],"
                      "  \"presenceStatuses\": [ { \"apiName\": \"A\", \"label\": \"\", \"channels\": [] },"
                      "                          { \"apiName\": \"A\", \"label\": \"A twice\", \"channels\": [\"\"] } ],"
                      "  \"presenceToState\": { \"Unknown_status\": \"no_such_state\", \"\": \"\" },"
                      "  \"stateToPresence\": { \"no_such_state\": \"Unknown_status\" },"
                      "  \"revertToLastStatus\": true, \"agentPostCallState\": \"not_a_state\" }", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (loaded)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (loaded)), ==, 2);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (loaded, "Unknown_status"), ==, "no_such_state");
  g_assert_false (pb_configuration_get_state_mapping (loaded, "away", NULL));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (loaded), ==, "not_a_state");

  reloaded = round_trip (loaded, NULL);
  g_assert_true (pb_configuration_equal (loaded, reloaded));
}

/* Every proper prefix of the file that cuts before its closing brace fails
 * cleanly. */
static void
test_truncations (void)
{
  gsize length;
  g_autofree char *text = read_fixture ("worked-example.config.json", &length);
  const char *last_brace = strrchr (text, '}');

  for (gsize cut = 0; cut < (gsize)(last_brace - text); cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConfiguration) loaded = load_text (text, cut, &error);

      g_assert_null (loaded);
      g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
    }
}

static void
mutate (GRand   *rand,
        GString *bytes)
{
  static const char interesting[] = "{}[]\",:\\0123456789-+.eEtrufalsn \n\t\x00\x80\xC3\xFF";
  gsize position = bytes->len > 0 ? (gsize)g_rand_int_range (rand, 0, bytes->len) : 0;

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0: /* flip a bit */
      if (bytes->len > 0)
        bytes->str[position] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 1: /* any byte */
      if (bytes->len > 0)
        bytes->str[position] = (char)g_rand_int_range (rand, 0, 256);
      break;
    case 2: /* a byte that means something to JSON */
      if (bytes->len > 0)
        bytes->str[position] = interesting[g_rand_int_range (rand, 0, sizeof interesting)];
      break;
    case 3: /* insert */
      g_string_insert_len (bytes, position, &interesting[g_rand_int_range (rand, 0, sizeof interesting)], 1);
      break;
    case 4: /* delete a range */
      {
        gsize n = g_rand_int_range (rand, 1, 16);

        g_string_erase (bytes, position, MIN (bytes->len - position, n));
      }
      break;
    case 5: /* truncate */
      g_string_truncate (bytes, position);
      break;
    case 6: /* duplicate a range */
      if (bytes->len > 0)
        {
          gsize n = g_rand_int_range (rand, 1, 64);
          g_autofree char *copy = NULL;

          n = MIN (n, bytes->len - position);
          copy = g_memdup2 (bytes->str + position, n);

          g_string_insert_len (bytes, g_rand_int_range (rand, 0, bytes->len), copy, n);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_fuzz (void)
{
  gsize length;
  g_autofree char *text = read_fixture ("worked-example.config.json", &length);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  guint loaded_count = 0;
  guint iterations = g_test_slow () ? 200000 : 5000;

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GString) bytes = g_string_new_len (text, length);
      g_autoptr(GBytes) input = NULL;
      g_autoptr(PbConfiguration) loaded = NULL;
      g_autoptr(GError) error = NULL;
      guint n_mutations = g_rand_int_range (rand, 1, 5);

      for (guint m = 0; m < n_mutations; m++)
        mutate (rand, bytes);

      input = g_bytes_new (bytes->str, bytes->len);
      loaded = pb_config_file_load_bytes (input, &error);

      if (loaded == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == PB_ERROR);
          g_assert_true (error->code == PB_ERROR_INVALID_FILE || error->code == PB_ERROR_UNSUPPORTED_VERSION);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      else
        {
          g_autoptr(PbConfiguration) reloaded = NULL;

          /* Whatever loads exports to a file that loads to the same, but
           * for Logged out, which export writes as offline (fixed). */
          g_assert_no_error (error);
          loaded_count++;
          reloaded = round_trip (loaded, NULL);
          if (pb_configuration_lookup_state (loaded, "logged_out") != NULL ||
              pb_configuration_get_state_mapping (loaded, "logged_out", NULL))
            pb_configuration_set_state_mapping (loaded, "logged_out", NULL);
          g_assert_true (pb_configuration_equal (loaded, reloaded));
        }
    }

  /* The mutations are not all fatal, or the success path would go untested. */
  g_assert_cmpuint (loaded_count, >, 0);
  g_test_message ("%u of %u mutated files loaded", loaded_count, iterations);
}

static void
test_save_path (void)
{
  g_autofree char *dir = pb_test_make_dir ("test-config-file-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "saved.config.json", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-folder", "saved.config.json", NULL);
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (pb_config_file_save_path (example, path, &error));
  g_assert_no_error (error);
  /* Saving over an existing file replaces it. */
  pb_configuration_set_revert_to_last_status (example, TRUE);
  g_assert_true (pb_config_file_save_path (example, path, &error));
  g_assert_no_error (error);

  loaded = pb_config_file_load_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, example));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "\n}\n"));

  g_assert_false (pb_config_file_save_path (example, unwritable, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, unwritable));
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  pb_test_remove_tree (dir);
}

/* Every input of the fuzzer's corpus (tests/fuzz/corpus/config-file: seeds
 * and whatever a fuzzing run found) holds the fuzzer's properties in the
 * ordinary build too: refused with a one-line message, or loaded, checked,
 * previewed and written back to a file that reads back the same. */
static void
test_fuzz_corpus (void)
{
  g_autofree char *dir_path = pb_test_data_path ("../fuzz/corpus/config-file");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  const char *name;
  guint n_loaded = 0, n_refused = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(PbConfiguration) loaded = NULL;
      g_autoptr(PbConfiguration) reread = NULL;
      g_autoptr(GListModel) findings = NULL;
      g_autoptr(GListModel) events = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;

      g_test_message ("%s", name);
      loaded = pb_config_file_load_path (path, &load_error);
      if (loaded == NULL)
        {
          g_assert_true (load_error->domain == PB_ERROR);
          g_assert_null (strchr (load_error->message, '\n'));
          n_refused++;
          continue;
        }

      findings = pb_checks_run (loaded);
      events = pb_preview_build (loaded);
      text = pb_config_file_to_data (loaded, time, NULL);
      reread = load_text (text, -1, &load_error);
      g_assert_no_error (load_error);
      again = pb_config_file_to_data (reread, time, NULL);
      g_assert_cmpstr (text, ==, again);
      n_loaded++;
    }

  /* The seeds have both kinds. */
  g_assert_cmpuint (n_loaded, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config-file/load/worked-example", test_load_worked_example);
  g_test_add_func ("/config-file/load/optional-keys", test_optional_keys);
  g_test_add_func ("/config-file/load/escapes", test_escapes_decode);
  g_test_add_func ("/config-file/load/bom", test_bom);
  g_test_add_func ("/config-file/load/semantic-problems", test_semantic_problems_load);
  g_test_add_func ("/config-file/round-trip/identity", test_round_trip);
  g_test_add_func ("/config-file/round-trip/extra-keys", test_extra_keys);
  g_test_add_func ("/config-file/round-trip/unicode", test_unicode);
  g_test_add_func ("/config-file/export/stable", test_export_stable);
  g_test_add_func ("/config-file/export/logged-out", test_export_logged_out);
  g_test_add_func ("/config-file/export/unset-account", test_export_unset_account);
  g_test_add_func ("/config-file/export/extra-known-key", test_extra_known_key_not_duplicated);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/config-file/broken/%s", broken_cases[i].name);

      g_test_add_data_func (name, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/config-file/broken/nul-byte", test_nul_byte);
  g_test_add_func ("/config-file/broken/deep-nesting", test_deep_nesting);
  g_test_add_func ("/config-file/broken/too-large", test_too_large_bytes);
  g_test_add_func ("/config-file/broken/fixture-files", test_broken_fixture_files);
  g_test_add_func ("/config-file/broken/truncations", test_truncations);
  g_test_add_func ("/config-file/broken/fuzz", test_fuzz);
  g_test_add_func ("/config-file/broken/fuzz-corpus", test_fuzz_corpus);

  g_test_add_func ("/config-file/load-path/errors", test_load_path_errors);
  g_test_add_func ("/config-file/save-path", test_save_path);

  return g_test_run ();
}
