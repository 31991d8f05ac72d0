/* test-day-script.c: the day script format, its errors and the built-in days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

static PbDayScript *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return pb_day_script_load_bytes (bytes, error);
}

/* The events of @script as the file names them, "pick-presence:On_a_call". */
static char *
dup_events (PbDayScript *script)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pb_day_script_get_n_events (script); i++)
    {
      PbDayEventType type = pb_day_script_get_event_type (script, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, pb_day_event_type_to_string (type));
      if (type == PB_DAY_EVENT_CALL)
        g_string_append_printf (text, ":%s", pb_call_direction_to_string (pb_day_script_get_call_direction (script, i)));
      else if (pb_day_script_get_event_subject (script, i) != NULL)
        g_string_append_printf (text, ":%s", pb_day_script_get_event_subject (script, i));
    }

  return g_string_free (text, FALSE);
}

static void
test_load_every_event (void)
{
  static const char text[] =
    "{\n"
    "  \"format\": \"presence-bridge-day\",\n"
    "  \"version\": 1,\n"
    "  \"name\": \"Chat agent, late shift\",\n"
    "  \"events\": [\n"
    "    { \"event\": \"log-in\", \"note\": \"08:00\" },\n"
    "    { \"event\": \"pick-presence\", \"presence\": \"Ready_for_Chats\" },\n"
    "    { \"event\": \"call\", \"direction\": \"inbound\" },\n"
    "    { \"event\": \"wrap-up\" },\n"
    "    { \"event\": \"post-call\" },\n"
    "    { \"event\": \"chat\" },\n"
    "    { \"event\": \"state-change\", \"state\": \"away.break\" },\n"
    "    { \"event\": \"call\", \"direction\": \"outbound\" },\n"
    "    { \"event\": \"call\", \"direction\": \"external\" },\n"
    "    { \"event\": \"go-offline\" },\n"
    "    { \"event\": \"log-out\" }\n"
    "  ]\n"
    "}\n";
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  script = load_text (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_day_script_get_name (script), ==, "Chat agent, late shift");
  events = dup_events (script);
  g_assert_cmpstr (events, ==,
                   "log-in pick-presence:Ready_for_Chats call:inbound wrap-up post-call chat "
                   "state-change:away.break call:outbound call:external go-offline log-out");
  g_assert_null (pb_day_script_get_event_subject (script, 2));
  g_assert_finalize_object (g_steal_pointer (&script));
}

static void
test_load_path (void)
{
  g_autofree char *dir = pb_test_make_dir ("pb-day-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "monday.json", NULL);
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "\xEF\xBB\xBF{\"format\":\"presence-bridge-day\",\"version\":1,\"events\":[{\"event\":\"log-in\"}]}",
                                      -1, NULL));
  script = pb_day_script_load_path (path, &error);
  g_assert_no_error (error);
  /* No "name": the file's name. A BOM is accepted, as in configuration files. */
  g_assert_cmpstr (pb_day_script_get_name (script), ==, "monday.json");
  g_assert_cmpuint (pb_day_script_get_n_events (script), ==, 1);

  pb_test_remove_tree (dir);
}

typedef struct
{
  const char *text;
  PbError code;
  const char *message; /* the whole message, or NULL */
  const char *contains;
} Broken;

#define HEAD "{\"format\":\"presence-bridge-day\",\"version\":1,"

static const Broken broken[] = {
  { "", PB_ERROR_INVALID_FILE, "the file is empty", NULL },
  { "[]", PB_ERROR_INVALID_FILE, "top level: expected a JSON object", NULL },
  { "{\n  \"format\": \"presence-bridge-day\",\n  \"version\": 1,\n  \"events\": [ { \"event\": \"log-in\" }, ]\n}",
    PB_ERROR_INVALID_FILE, "line 4:36: comma before “]” (JSON allows no comma after the last item)", NULL },
  { "{\n  \"format\": \"presence-bridge-day\",\n  \"version\": 1,\n  \"events\": [ { \"event\": \"log-in\", \"event\": \"chat\" } ]\n}",
    PB_ERROR_INVALID_FILE, NULL, "line 4:" },
  { "{\"format\":\"presence-bridge-day\", // the day\n\"version\":1}", PB_ERROR_INVALID_FILE,
    "line 1:34: unexpected character “/”", NULL },
  { "{\"format\":\"presence-bridge-config\",\"version\":1,\"events\":[]}", PB_ERROR_INVALID_FILE,
    "format: expected “presence-bridge-day”: this is not a Presence Bridge day script", NULL },
  { "{\"version\":1,\"events\":[]}", PB_ERROR_INVALID_FILE,
    "format: expected “presence-bridge-day”: this is not a Presence Bridge day script", NULL },
  { "{\"format\":\"presence-bridge-day\",\"version\":2,\"events\":[{\"event\":\"teleport\"}]}",
    PB_ERROR_UNSUPPORTED_VERSION, NULL, "format version 2; this version reads up to 1" },
  { "{\"format\":\"presence-bridge-day\",\"version\":\"1\",\"events\":[]}", PB_ERROR_INVALID_FILE,
    "version: expected a whole number", NULL },
  { "{\"format\":\"presence-bridge-day\",\"version\":0,\"events\":[]}", PB_ERROR_INVALID_FILE,
    "version: expected a whole number of 1 or more", NULL },
  { HEAD "\"name\":\"x\"}", PB_ERROR_INVALID_FILE, "events: missing", NULL },
  { HEAD "\"events\":{}}", PB_ERROR_INVALID_FILE, "events: expected an array", NULL },
  { HEAD "\"name\":7,\"events\":[]}", PB_ERROR_INVALID_FILE, "name: expected a string", NULL },
  { HEAD "\"evnts\":[]}", PB_ERROR_INVALID_FILE,
    "evnts: not a member of a day script (it has format, version, an optional name, and events)", NULL },
  { HEAD "\"events\":[{\"event\":\"log-in\"},\"chat\"]}", PB_ERROR_INVALID_FILE,
    "events[1]: expected an object", NULL },
  { HEAD "\"events\":[{\"presence\":\"On_a_call\"}]}", PB_ERROR_INVALID_FILE, "events[0].event: missing", NULL },
  { HEAD "\"events\":[{\"event\":\"\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].event: expected a non-empty string", NULL },
  { HEAD "\"events\":[{\"event\":\"log-in\"},{\"event\":\"lunch\"}]}", PB_ERROR_INVALID_FILE,
    "events[1].event: unknown event “lunch” (the events are log-in, log-out, go-offline, pick-presence, "
    "state-change, call, chat, wrap-up, post-call)", NULL },
  { HEAD "\"events\":[{\"event\":\"pick-presence\",\"presense\":\"On_a_call\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].presense: not a member of a “pick-presence” event (it takes “presence” and an optional “note”)", NULL },
  { HEAD "\"events\":[{\"event\":\"chat\",\"direction\":\"inbound\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].direction: not a member of a “chat” event (it takes only an optional “note”)", NULL },
  { HEAD "\"events\":[{\"event\":\"pick-presence\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].presence: missing", NULL },
  { HEAD "\"events\":[{\"event\":\"pick-presence\",\"presence\":\"\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].presence: expected a non-empty string", NULL },
  { HEAD "\"events\":[{\"event\":\"state-change\",\"state\":null}]}", PB_ERROR_INVALID_FILE,
    "events[0].state: expected a non-empty string", NULL },
  { HEAD "\"events\":[{\"event\":\"call\",\"direction\":\"sideways\"}]}", PB_ERROR_INVALID_FILE,
    "events[0].direction: expected “inbound”, “outbound” or “external”", NULL },
  { HEAD "\"events\":[{\"event\":\"call\"}]}", PB_ERROR_INVALID_FILE, "events[0].direction: missing", NULL },
  { HEAD "\"events\":[{\"event\":\"log-in\",\"note\":false}]}", PB_ERROR_INVALID_FILE,
    "events[0].note: expected a string", NULL },
  { HEAD "\"events\":[{\"event\":\"log-in\",\"weird key\":1}]}", PB_ERROR_INVALID_FILE,
    "events[0][\"weird key\"]: not a member of a “log-in” event (it takes only an optional “note”)", NULL },
  { HEAD "\"events\":[{\"event\":\"log\\u0000in\"}]}", PB_ERROR_INVALID_FILE, NULL, "NUL" },
  { HEAD "\"events\":[{\"event\":\"\\ud800\"}]}", PB_ERROR_INVALID_FILE, NULL, "unpaired UTF-16 surrogate" },
  { HEAD "\"events\":[{\"event\":'chat'}]}", PB_ERROR_INVALID_FILE, NULL, "unexpected character “'”" },
  { HEAD "\"events\":[]} {}", PB_ERROR_INVALID_FILE, NULL, "after the end of the JSON document" },
};

static void
test_broken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(PbDayScript) script = NULL;
      g_autoptr(GError) error = NULL;

      script = load_text (broken[i].text, &error);
      g_assert_null (script);
      g_assert_error (error, PB_ERROR, (int)broken[i].code);
      if (broken[i].message != NULL && g_strcmp0 (error->message, broken[i].message) != 0)
        g_error ("case %u: “%s”, expected “%s”", i, error->message, broken[i].message);
      if (broken[i].contains != NULL && strstr (error->message, broken[i].contains) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, broken[i].contains);
      /* Scripts read stderr line by line: always one line. */
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_encodings (void)
{
  static const char utf16[] = "\xFF\xFE{\0}\0";
  static const char latin1[] = "{\"format\":\"presence-bridge-day\",\"version\":1,\"name\":\"Caf\xE9\",\"events\":[]}";
  g_autoptr(GBytes) utf16_bytes = g_bytes_new (utf16, sizeof utf16 - 1);
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GError) error = NULL;

  script = pb_day_script_load_bytes (utf16_bytes, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);

  script = load_text (latin1, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==, "line 1:56: not valid UTF-8 text (at byte 55); save the file as UTF-8");
}

static void
test_depth (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"events\":[{\"event\":\"log-in\",\"note\":");
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GError) error = NULL;

  /* 16 levels are the limit; the day's own structure needs 3. */
  for (guint i = 0; i < 20; i++)
    g_string_append_c (text, '[');
  script = load_text (text->str, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "nested more than 16 levels deep"));
  g_assert_true (g_str_has_prefix (error->message, "line 1:"));
}

static void
test_limits (void)
{
  g_autofree char *dir = pb_test_make_dir ("pb-day-XXXXXX");
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GString) many = g_string_new (HEAD "\"events\":[");
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* Refused by its size before anything is read. */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, PB_DAY_SCRIPT_MAX_SIZE + 1), ==, 0);
  g_close (fd, NULL);
  script = pb_day_script_load_path (big, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "a day script is at most 4.0\u00a0MiB"));
  g_clear_error (&error);

  huge = g_bytes_new_take (g_malloc0 (PB_DAY_SCRIPT_MAX_SIZE + 1), PB_DAY_SCRIPT_MAX_SIZE + 1);
  script = pb_day_script_load_bytes (huge, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  script = pb_day_script_load_path (dir, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==, "this is a folder, not a day script");
  g_clear_error (&error);

  for (guint i = 0; i <= PB_DAY_SCRIPT_MAX_EVENTS; i++)
    g_string_append (many, i > 0 ? ",{\"event\":\"chat\"}" : "{\"event\":\"chat\"}");
  g_string_append (many, "]}");
  g_assert_cmpuint (many->len, <, PB_DAY_SCRIPT_MAX_SIZE);
  script = load_text (many->str, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==, "events: more than 50000 events");

  pb_test_remove_tree (dir);
}

/* Whatever a file holds, its message is one line without control
 * characters, and as long as a person reads. */
static void
test_hostile_text (void)
{
  g_autoptr(GString) long_key = g_string_new (NULL);
  g_autoptr(GString) long_event = g_string_new (NULL);
  const char *texts[4];
  g_autofree char *text_long_key = NULL;
  g_autofree char *text_long_event = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (long_key, "ké");
      g_string_append (long_event, "x");
    }
  text_long_key = g_strdup_printf (HEAD "\"events\":[{\"event\":\"chat\",\"%s\":1}]}", long_key->str);
  text_long_event = g_strdup_printf (HEAD "\"events\":[{\"event\":\"%s\"}]}", long_event->str);

  texts[0] = HEAD "\"events\":[{\"event\":\"\\u001b[31mred\\r\\nline\"}]}";
  texts[1] = HEAD "\"events\":[{\"event\":\"chat\",\"\\u001b]0;title\\u0007\":1}]}";
  texts[2] = text_long_key;
  texts[3] = text_long_event;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PbDayScript) script = NULL;
      g_autoptr(GError) error = NULL;

      script = load_text (texts[i], &error);
      g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert_cmpint ((guchar)*p, >=, 0x20);
      g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 400);
    }

  {
    g_autoptr(PbDayScript) script = NULL;
    g_autoptr(GError) error = NULL;

    script = load_text (texts[0], &error);
    g_assert_nonnull (strstr (error->message, "unknown event “\\033[31mred\\r\\nline”"));
  }
}

static void
test_references (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) good = NULL;
  g_autoptr(PbDayScript) no_status = NULL;
  g_autoptr(PbDayScript) no_state = NULL;
  g_autoptr(GError) error = NULL;

  good = load_text (HEAD "\"events\":[{\"event\":\"pick-presence\",\"presence\":\"On_a_call\"},"
                    "{\"event\":\"state-change\",\"state\":\"away.lunch\"}]}", &error);
  g_assert_no_error (error);
  g_assert_true (pb_day_script_check_references (good, config, &error));
  g_assert_no_error (error);

  no_status = load_text (HEAD "\"events\":[{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"On_the_moon\"}]}",
                         &error);
  g_assert_no_error (error);
  g_assert_false (pb_day_script_check_references (no_status, config, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==,
                   "events[1].presence: “On_the_moon” is not one of the configuration's presence statuses");
  g_clear_error (&error);

  no_state = load_text (HEAD "\"events\":[{\"event\":\"state-change\",\"state\":\"away.nap\"}]}", &error);
  g_assert_no_error (error);
  g_assert_false (pb_day_script_check_references (no_state, config, &error));
  g_assert_cmpstr (error->message, ==,
                   "events[0].state: “away.nap” is not one of the configuration's agent states");
}

static void
test_default_day (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = pb_day_script_new_default (config);
  g_autofree char *events = dup_events (script);

  g_assert_cmpstr (pb_day_script_get_name (script), ==, "default");
  /* docs/simulation.md: the worked example's day. */
  g_assert_cmpstr (events, ==,
                   "log-in pick-presence:Ready_for_Chats call:inbound wrap-up post-call chat "
                   "pick-presence:Away_from_desk_temporary state-change:away.lunch "
                   "pick-presence:Taking_notes pick-presence:On_a_call call:outbound wrap-up post-call "
                   "go-offline log-in log-out");
}

/* An account with nothing but Ready, Logged out and one busy status: the
 * day keeps what the lists allow. */
static void
test_default_day_small_account (void)
{
  g_autoptr(PbConfiguration) config = pb_configuration_new ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbDayScript) script = NULL;
  g_autofree char *events = NULL;

  g_ptr_array_add (states, pb_agent_state_new ("ready", "Ready", NULL));
  g_ptr_array_add (states, pb_agent_state_new ("logged_out", "Logged out", NULL));
  g_ptr_array_add (statuses, pb_presence_status_new ("Busy", "Busy", NULL, NULL));
  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);
  pb_configuration_set_state_mapping (config, "ready", "Busy");

  script = pb_day_script_new_default (config);
  events = dup_events (script);
  g_assert_cmpstr (events, ==,
                   "log-in call:inbound wrap-up post-call chat call:outbound wrap-up post-call go-offline log-in log-out");
}

/* Names in any case, minors found by their words. */
static void
test_default_day_names (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list = pb_configuration_get_agent_states (config);
  g_autoptr(PbDayScript) script = NULL;
  g_autofree char *events = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (list, i);
      const char *id = pb_agent_state_get_id (state);

      if (g_str_equal (id, "away.break") || g_str_equal (id, "away.lunch"))
        continue;
      g_ptr_array_add (states, g_object_ref (state));
    }
  g_ptr_array_add (states, pb_agent_state_new ("away.a1", "Mittagspause", "away"));
  g_ptr_array_add (states, pb_agent_state_new ("away.a2", "LUNCH (long)", "away"));
  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_mapping (config, "Away_from_desk_temporary", "away.meeting");

  script = pb_day_script_new_default (config);
  events = dup_events (script);
  /* No Break minor: the first Away minor, which a status leads to, is the
   * break; the lunch is the one named so. */
  g_assert_nonnull (strstr (events, "chat pick-presence:Away_from_desk_temporary state-change:away.a2 "));
}

static void
test_every_status (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbDayScript) script = NULL;
  g_autofree char *events = NULL;

  /* A status that logs the agent out is followed by a log-in, so the
   * sweep goes on. */
  pb_configuration_set_presence_mapping (config, "On_a_call", "logged_out");
  script = pb_day_script_new_every_status (config);
  events = dup_events (script);
  g_assert_cmpstr (pb_day_script_get_name (script), ==, "every-status");
  g_assert_cmpstr (events, ==,
                   "log-in pick-presence:Ready_for_Cases pick-presence:Ready_for_Chats pick-presence:On_a_call log-in "
                   "pick-presence:Away_from_desk_temporary pick-presence:Taking_notes "
                   "state-change:ready state-change:ready_offline state-change:busy state-change:busy.inbound "
                   "state-change:busy.outbound state-change:busy.external state-change:wrap state-change:away "
                   "state-change:away.break state-change:away.lunch state-change:away.meeting state-change:away.training "
                   "log-out");
}

static void
test_every_status_large (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (5000, 1000, 7);
  g_autoptr(PbDayScript) script = pb_day_script_new_every_status (config);
  guint picks = 0, states = 0;

  for (guint i = 0; i < pb_day_script_get_n_events (script); i++)
    {
      if (pb_day_script_get_event_type (script, i) == PB_DAY_EVENT_PICK_PRESENCE)
        picks++;
      else if (pb_day_script_get_event_type (script, i) == PB_DAY_EVENT_STATE_CHANGE)
        states++;
    }

  g_assert_cmpuint (picks, ==, 5000);
  /* Every state but Logged out, which the final log-out enters. */
  g_assert_cmpuint (states, ==, 999);
}

static void
test_names (void)
{
  g_assert_cmpstr (pb_day_event_type_to_string (PB_DAY_EVENT_PICK_PRESENCE), ==, "pick-presence");
  g_assert_cmpstr (pb_day_event_type_to_string (PB_DAY_EVENT_POST_CALL), ==, "post-call");
  g_assert_cmpstr (pb_call_direction_to_string (PB_CALL_EXTERNAL), ==, "external");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/day-script/load/every-event", test_load_every_event);
  g_test_add_func ("/day-script/load/path", test_load_path);
  g_test_add_func ("/day-script/broken", test_broken);
  g_test_add_func ("/day-script/encodings", test_encodings);
  g_test_add_func ("/day-script/depth", test_depth);
  g_test_add_func ("/day-script/limits", test_limits);
  g_test_add_func ("/day-script/hostile-text", test_hostile_text);
  g_test_add_func ("/day-script/references", test_references);
  g_test_add_func ("/day-script/default", test_default_day);
  g_test_add_func ("/day-script/default/small-account", test_default_day_small_account);
  g_test_add_func ("/day-script/default/state-names", test_default_day_names);
  g_test_add_func ("/day-script/every-status", test_every_status);
  g_test_add_func ("/day-script/every-status/large", test_every_status_large);
  g_test_add_func ("/day-script/names", test_names);

  return g_test_run ();
}
