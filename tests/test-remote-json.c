/* test-remote-json.c: the parsers of Salesforce's and the platform's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-core.h"
#include "pb-platform-json.h"
#include "pb-remote-error.h"
#include "pb-salesforce-json.h"
#include "pb-test-fixtures.h"

static const char * const status_fields[] = { "Id", "DeveloperName", "MasterLabel", NULL };
static const char * const junction_fields[] = { "ServicePresenceStatusId", "ServiceChannelId", NULL };

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

/* A literal and its length. */
#define TEXT(literal) (literal), (sizeof (literal) - 1)

#define assert_malformed(error, text) \
  G_STMT_START { \
    g_assert_error ((error), PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED); \
    if (strstr ((error)->message, (text)) == NULL) \
      g_error ("message “%s” does not contain “%s”", (error)->message, (text)); \
  } G_STMT_END

/* Salesforce */

static void
test_salesforce_page_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSalesforcePage) first = NULL;
  g_autoptr(PbSalesforcePage) second = NULL;
  g_autofree char *text = NULL;
  gsize length;
  char **record;

  text = read_fixture ("remote/salesforce-presence-page1.json", &length);
  first = pb_salesforce_json_parse_page (text, length, status_fields, &error);
  g_assert_no_error (error);
  g_assert_false (first->done);
  g_assert_cmpint (first->total_size, ==, 5);
  g_assert_cmpstr (first->next_records_url, ==, "/services/data/v60.0/query/01gEXAMPLEQUERY-3");
  g_assert_cmpuint (first->records->len, ==, 3);
  record = g_ptr_array_index (first->records, 2);
  g_assert_cmpstr (record[0], ==, "0N55g000000A003AAA");
  g_assert_cmpstr (record[1], ==, "On_a_call");
  g_assert_cmpstr (record[2], ==, "On a call");
  g_assert_null (record[3]);

  g_clear_pointer (&text, g_free);
  text = read_fixture ("remote/salesforce-presence-page2.json", &length);
  second = pb_salesforce_json_parse_page (text, length, status_fields, &error);
  g_assert_no_error (error);
  g_assert_true (second->done);
  g_assert_null (second->next_records_url);
  g_assert_cmpuint (second->records->len, ==, 2);
  record = g_ptr_array_index (second->records, 1);
  g_assert_cmpstr (record[1], ==, "Taking_notes");
}

static void
test_salesforce_page_shapes (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "{\"done\":false,\"records\":[]}", "nextRecordsUrl: missing" },
    { "{\"done\":\"yes\",\"records\":[]}", "done: expected true or false" },
    { "{\"done\":true}", "records: missing" },
    { "{\"done\":true,\"records\":{}}", "records: expected an array" },
    { "{\"done\":true,\"records\":[1]}", "records[0]: expected an object" },
    { "{\"done\":true,\"records\":[{\"ServicePresenceStatusId\":\"a\"}]}", "records[0].ServiceChannelId: missing" },
    { "{\"done\":true,\"records\":[{\"ServicePresenceStatusId\":\"a\",\"ServiceChannelId\":7}]}",
      "records[0].ServiceChannelId: expected a string" },
    { "{\"done\":true,\"totalSize\":-1,\"records\":[]}", "totalSize: expected a whole number of 0 or more" },
    { "[]", "expected a JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbSalesforcePage) page = NULL;

      page = pb_salesforce_json_parse_page (cases[i].text, strlen (cases[i].text), junction_fields, &error);
      g_assert_null (page);
      assert_malformed (error, cases[i].message);
    }
}

static void
test_salesforce_page_unknown_fields (void)
{
  const char *text =
    "{\"done\":true,\"totalSize\":1,\"somethingNew\":{\"deep\":[1,2]},"
    "\"records\":[{\"attributes\":{\"type\":\"ServiceChannelStatus\"},\"Extra\":null,"
    "\"ServicePresenceStatusId\":\"0N5A\",\"ServiceChannelId\":\"0N9B\"}],"
    "\"nextRecordsUrl\":\"/ignored-when-done\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSalesforcePage) page = NULL;
  char **record;

  page = pb_salesforce_json_parse_page (text, strlen (text), junction_fields, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_records_url);
  record = g_ptr_array_index (page->records, 0);
  g_assert_cmpstr (record[0], ==, "0N5A");
  g_assert_cmpstr (record[1], ==, "0N9B");
}

static void
test_salesforce_token (void)
{
  const char *full =
    "{\"access_token\":\"00D!AQ.secret\",\"refresh_token\":\"5Aep.refresh\","
    "\"instance_url\":\"https://example.my.salesforce.com\","
    "\"id\":\"https://login.salesforce.com/id/00D5g000000EXAMPLE/0055g000000USERAA\","
    "\"issued_at\":\"1732449600000\",\"signature\":\"x\",\"token_type\":\"Bearer\"}";
  const char *refreshed = "{\"access_token\":\"00D!AQ.other\",\"instance_url\":\"https://example.my.salesforce.com\"}";
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(PbSalesforceToken) refresh = NULL;
  g_autoptr(GError) error = NULL;

  token = pb_salesforce_json_parse_token (full, strlen (full), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "00D!AQ.secret");
  g_assert_cmpstr (token->refresh_token, ==, "5Aep.refresh");
  g_assert_cmpstr (token->instance_url, ==, "https://example.my.salesforce.com");
  g_assert_cmpstr (token->org_id, ==, "00D5g000000EXAMPLE");

  refresh = pb_salesforce_json_parse_token (refreshed, strlen (refreshed), &error);
  g_assert_no_error (error);
  g_assert_null (refresh->refresh_token);
  g_assert_null (refresh->org_id);
}

static void
test_salesforce_token_shapes (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "{}", "access_token: missing" },
    { "{\"access_token\":\"\"}", "access_token: expected a non-empty string" },
    { "{\"access_token\":\"a\",\"id\":\"https://login.salesforce.com/services\"}", "id: expected an identity URL" },
    { "{\"access_token\":\"a\",\"id\":\"https://login.salesforce.com/id/00D!x/005\"}", "id: expected an identity URL" },
    { "{\"access_token\":\"a\",\"refresh_token\":5}", "refresh_token: expected a non-empty string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbSalesforceToken) token = NULL;

      token = pb_salesforce_json_parse_token (cases[i].text, strlen (cases[i].text), &error);
      g_assert_null (token);
      assert_malformed (error, cases[i].message);
    }
}

static void
test_salesforce_errors (void)
{
  const char *oauth = "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}";
  const char *rest =
    "[{\"message\":\"\\nServicePresenceStatus\\nERROR at Row:1:Column:12\\nNo such column 'DeveloperName' on entity "
    "'ServicePresenceStatus'.\",\"errorCode\":\"INVALID_FIELD\"},{\"message\":\"second\",\"errorCode\":\"X\"}]";
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *message = NULL;

  g_assert_true (pb_salesforce_json_parse_oauth_error (oauth, strlen (oauth), &code, &description, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "invalid_grant");
  g_assert_cmpstr (description, ==, "expired access/refresh token");

  g_assert_true (pb_salesforce_json_parse_errors (rest, strlen (rest), &error_code, &message, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (error_code, ==, "INVALID_FIELD");
  g_assert_true (g_str_has_suffix (message, "No such column 'DeveloperName' on entity 'ServicePresenceStatus'."));

  g_clear_pointer (&code, g_free);
  g_clear_pointer (&description, g_free);
  g_assert_false (pb_salesforce_json_parse_oauth_error (TEXT ("[]"), &code, &description, &error));
  assert_malformed (error, "expected a JSON object");
  g_assert_null (code);
  g_clear_error (&error);

  g_clear_pointer (&error_code, g_free);
  g_clear_pointer (&message, g_free);
  g_assert_false (pb_salesforce_json_parse_errors (TEXT ("[]"), &error_code, &message, &error));
  assert_malformed (error, "expected at least one error");
  g_clear_error (&error);
  g_assert_false (pb_salesforce_json_parse_errors (TEXT ("[\"x\"]"), &error_code, &message, &error));
  assert_malformed (error, "[0]: expected an object");
}

/* The platform */

static void
test_platform_token (void)
{
  const char *text = "{\"access_token\":\"tok\",\"expires_in\":3600,\"token_type\":\"bearer\",\"scope\":\"x\"}";
  const char *mac = "{\"access_token\":\"tok\",\"token_type\":\"mac\"}";
  g_autoptr(PbPlatformToken) token = NULL;
  g_autoptr(PbPlatformToken) refused = NULL;
  g_autoptr(GError) error = NULL;

  token = pb_platform_json_parse_token (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "tok");
  g_assert_cmpint (token->expires_in, ==, 3600);

  refused = pb_platform_json_parse_token (mac, strlen (mac), &error);
  g_assert_null (refused);
  assert_malformed (error, "token_type: expected “Bearer”, not “mac”");
}

static void
test_platform_account (void)
{
  const char *text =
    "{\"id\":\"ACC-1001\",\"name\":\"Example Contact Centre\",\"features\":{\"omnichannel\":true,"
    "\"revertToLastStatus\":true,\"futureFeature\":1},\"agentPostCallState\":\"ready\",\"region\":\"eu\"}";
  const char *minimal = "{\"id\":\"ACC-2\",\"features\":{\"omnichannel\":false}}";
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(PbPlatformAccount) plain = NULL;
  g_autoptr(PbPlatformAccount) broken = NULL;
  g_autoptr(GError) error = NULL;

  account = pb_platform_json_parse_account (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->id, ==, "ACC-1001");
  g_assert_cmpstr (account->name, ==, "Example Contact Centre");
  g_assert_true (account->omnichannel);
  g_assert_true (account->revert_to_last_status);
  g_assert_cmpstr (account->agent_post_call_state, ==, "ready");

  plain = pb_platform_json_parse_account (minimal, strlen (minimal), &error);
  g_assert_no_error (error);
  g_assert_false (plain->omnichannel);
  g_assert_false (plain->revert_to_last_status);
  g_assert_null (plain->name);
  g_assert_null (plain->agent_post_call_state);

  broken = pb_platform_json_parse_account (TEXT ("{\"id\":\"A\",\"features\":{}}"), &error);
  g_assert_null (broken);
  assert_malformed (error, "features.omnichannel: missing");
}

static void
test_platform_agent_states (void)
{
  const char *text =
    "{\"agentStates\":[{\"id\":\"ready\",\"name\":\"Ready\",\"major\":null},"
    "{\"id\":\"away.break\",\"name\":\"Break \\u001b[31m\",\"major\":\"away\",\"colour\":\"red\"},"
    "{\"id\":\"away\",\"name\":\"Away\"}]}";
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  PbAgentState *state;

  states = pb_platform_json_parse_agent_states (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (states->len, ==, 3);
  state = g_ptr_array_index (states, 1);
  g_assert_cmpstr (pb_agent_state_get_id (state), ==, "away.break");
  g_assert_cmpstr (pb_agent_state_get_name (state), ==, "Break \033[31m");
  g_assert_cmpstr (pb_agent_state_get_major_id (state), ==, "away");
  g_assert_true (pb_agent_state_is_major (g_ptr_array_index (states, 2)));

  g_clear_pointer (&states, g_ptr_array_unref);
  states = pb_platform_json_parse_agent_states (TEXT ("{\"agentStates\":[{\"id\":\"x\",\"name\":1}]}"), &error);
  g_assert_null (states);
  assert_malformed (error, "agentStates[0].name: expected a string");
}

static void
test_platform_presence_statuses (void)
{
  const char *text =
    "{\"fetchedAt\":\"2026-11-24T12:00:00Z\",\"presenceStatuses\":["
    "{\"id\":\"0N5A\",\"apiName\":\"Ready_for_Cases\",\"label\":\"Ready for cases\",\"channels\":[\"sfdc_case\"]},"
    "{\"id\":\"0N5B\",\"apiName\":\"On_a_call\",\"label\":\"On a call\",\"channels\":[]}]}";
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(GError) error = NULL;
  PbPresenceStatus *status;

  statuses = pb_platform_json_parse_presence_statuses (text, strlen (text), &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 2);
  g_assert_cmpint (g_date_time_to_unix (fetched_at), ==, 1795521600);
  status = g_ptr_array_index (statuses, 0);
  g_assert_cmpstr (pb_presence_status_get_record_id (status), ==, "0N5A");
  g_assert_cmpstr (pb_presence_status_get_channels (status)[0], ==, "sfdc_case");
  g_assert_true (pb_presence_status_is_online (status));
  g_assert_false (pb_presence_status_is_online (g_ptr_array_index (statuses, 1)));

  g_clear_pointer (&statuses, g_ptr_array_unref);
  g_clear_pointer (&fetched_at, g_date_time_unref);
  statuses = pb_platform_json_parse_presence_statuses (TEXT ("{\"fetchedAt\":\"noon\",\"presenceStatuses\":[]}"),
                                                       &fetched_at, &error);
  g_assert_null (statuses);
  assert_malformed (error, "fetchedAt: expected a date and time");
  g_clear_error (&error);

  statuses = pb_platform_json_parse_presence_statuses (
    TEXT ("{\"presenceStatuses\":[{\"apiName\":\"A\",\"label\":\"A\",\"channels\":[\"\"]}]}"), &fetched_at, &error);
  g_assert_null (statuses);
  assert_malformed (error, "presenceStatuses[0].channels[0]: expected a non-empty string");
}

static void
test_platform_configuration (void)
{
  const char *text =
    "{\"revision\":7,\"presenceToState\":{\"On_a_call\":\"away\"},"
    "\"stateToPresence\":{\"ready\":\"Ready_for_Cases\",\"logged_out\":null},\"revertToLastStatus\":true,"
    "\"updatedBy\":\"someone\"}";
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(PbConfiguration) again = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *presence = "unset";
  gint64 revision;

  configuration = pb_platform_json_parse_configuration (text, strlen (text), &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 7);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (configuration, "On_a_call"), ==, "away");
  g_assert_true (pb_configuration_get_state_mapping (configuration, "logged_out", &presence));
  g_assert_null (presence);
  g_assert_true (pb_configuration_get_revert_to_last_status (configuration));

  /* The PUT body is the GET's shape without the revision. */
  body = pb_platform_json_build_configuration (configuration);
  g_assert_null (strstr (g_bytes_get_data (body, NULL), "revision"));
  {
    g_autofree char *with_revision = g_strdup_printf ("{\"revision\":8,%s",
                                                      (const char *)g_bytes_get_data (body, NULL) + 1);

    again = pb_platform_json_parse_configuration (with_revision, strlen (with_revision), &revision, &error);
  }
  g_assert_no_error (error);
  g_assert_true (pb_configuration_mapping_equal (configuration, again));
  g_assert_cmpint (revision, ==, 8);

  g_clear_object (&again);
  again = pb_platform_json_parse_configuration (TEXT ("{\"revision\":1,\"presenceToState\":{\"A\":null},"
                                                "\"stateToPresence\":{},\"revertToLastStatus\":false}"),
                                                &revision, &error);
  g_assert_null (again);
  assert_malformed (error, "presenceToState.A: expected a non-empty string");
}

static void
test_platform_build_escapes (void)
{
  g_autoptr(PbConfiguration) configuration = pb_test_worked_example ();
  g_autoptr(PbConfiguration) again = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 revision;

  pb_configuration_set_state_mapping (configuration, "odd \"state\"\n\u00e9", "Ready_for_Cases");
  body = pb_platform_json_build_configuration (configuration);
  text = g_strdup_printf ("{\"revision\":1,%s", (const char *)g_bytes_get_data (body, NULL) + 1);
  again = pb_platform_json_parse_configuration (text, strlen (text), &revision, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_mapping_equal (configuration, again));
}

static void
test_platform_errors (void)
{
  const char *text =
    "{\"errors\":[{\"path\":\"stateToPresence.away.break\",\"code\":\"unknown_presence\",\"message\":\"No such status\"},"
    "{\"path\":\"presenceToState.On_a_call\",\"code\":\"unknown_state\",\"message\":\"m\"},"
    "{\"path\":\"stateToPresence[\\\"odd \\\\\\\"key\\\\\\\"\\\"]\",\"code\":\"c\"},"
    "{\"path\":\"revertToLastStatus\",\"code\":\"feature_unavailable\",\"message\":\"m\"},"
    "{\"code\":\"revision_conflict\",\"message\":\"changed\"}]}";
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  PbFinding *finding;

  findings = pb_platform_json_parse_errors (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 5);

  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (pb_finding_get_code (finding), ==, "unknown_presence");
  g_assert_cmpstr (pb_finding_get_path (finding), ==, "stateToPresence.away.break");
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "away.break");
  g_assert_cmpint (pb_finding_get_severity (finding), ==, PB_SEVERITY_ERROR);

  finding = g_ptr_array_index (findings, 1);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_PRESENCE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "On_a_call");

  finding = g_ptr_array_index (findings, 2);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "odd \"key\"");
  g_assert_cmpstr (pb_finding_get_message (finding), ==, "");

  finding = g_ptr_array_index (findings, 3);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_SWITCHES);

  finding = g_ptr_array_index (findings, 4);
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_NONE);
  g_assert_cmpstr (pb_finding_get_path (finding), ==, "");

  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = pb_platform_json_parse_errors (TEXT ("{\"errors\":[]}"), &error);
  g_assert_null (findings);
  assert_malformed (error, "expected at least one error");
}

/* Hostile input: every parser, on every kind of bad bytes */

typedef gboolean (*ParseFunc) (const char *data, gsize length, GError **error);

static gboolean
parse_sf_token (const char *data, gsize length, GError **error)
{
  g_autoptr(PbSalesforceToken) token = pb_salesforce_json_parse_token (data, length, error);
  return token != NULL;
}

static gboolean
parse_sf_oauth_error (const char *data, gsize length, GError **error)
{
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  return pb_salesforce_json_parse_oauth_error (data, length, &code, &description, error);
}

static gboolean
parse_sf_errors (const char *data, gsize length, GError **error)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  return pb_salesforce_json_parse_errors (data, length, &code, &message, error);
}

static gboolean
parse_sf_page (const char *data, gsize length, GError **error)
{
  g_autoptr(PbSalesforcePage) page = pb_salesforce_json_parse_page (data, length, status_fields, error);
  return page != NULL;
}

static gboolean
parse_platform_token (const char *data, gsize length, GError **error)
{
  g_autoptr(PbPlatformToken) token = pb_platform_json_parse_token (data, length, error);
  return token != NULL;
}

static gboolean
parse_platform_account (const char *data, gsize length, GError **error)
{
  g_autoptr(PbPlatformAccount) account = pb_platform_json_parse_account (data, length, error);
  return account != NULL;
}

static gboolean
parse_platform_states (const char *data, gsize length, GError **error)
{
  g_autoptr(GPtrArray) states = pb_platform_json_parse_agent_states (data, length, error);
  return states != NULL;
}

static gboolean
parse_platform_statuses (const char *data, gsize length, GError **error)
{
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(GPtrArray) statuses = pb_platform_json_parse_presence_statuses (data, length, &fetched_at, error);
  return statuses != NULL;
}

static gboolean
parse_platform_configuration (const char *data, gsize length, GError **error)
{
  gint64 revision;
  g_autoptr(PbConfiguration) configuration = pb_platform_json_parse_configuration (data, length, &revision, error);
  return configuration != NULL;
}

static gboolean
parse_platform_errors (const char *data, gsize length, GError **error)
{
  g_autoptr(GPtrArray) findings = pb_platform_json_parse_errors (data, length, error);
  return findings != NULL;
}

static const ParseFunc parsers[] = {
  parse_sf_token, parse_sf_oauth_error, parse_sf_errors, parse_sf_page,
  parse_platform_token, parse_platform_account, parse_platform_states,
  parse_platform_statuses, parse_platform_configuration, parse_platform_errors,
};

static void
assert_refused_by_all (const char *data,
                       gsize       length,
                       const char *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (parsers[i] (data, length, &error));
      if (message != NULL)
        assert_malformed (error, message);
      else
        g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
    }
}

static void
test_hostile_inputs (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) deep_object = g_string_new (NULL);

  assert_refused_by_all (TEXT (""), "empty");
  assert_refused_by_all (NULL, 0, "empty");
  assert_refused_by_all (TEXT ("   \n"), "empty");
  assert_refused_by_all (TEXT ("{\"a\":1}\0{"), "NUL");
  assert_refused_by_all (TEXT ("{\"a\":\"\xff\"}"), "not valid UTF-8");
  assert_refused_by_all (TEXT ("<html><body>Bad gateway</body></html>"), "line 1:1");
  assert_refused_by_all (TEXT ("{\"a\":1} {\"b\":2}"), "after the end");
  assert_refused_by_all (TEXT ("{\"a\":1,\"a\":2}"), "appears twice");
  assert_refused_by_all (TEXT ("{\"a\":123456789012345678901234567890}"), "out of range");
  assert_refused_by_all (TEXT ("{'a':1}"), NULL);
  assert_refused_by_all (TEXT ("{\"a\":\"\\ud800\"}"), "surrogate");
  assert_refused_by_all (TEXT ("{\"a\":\"\\u0000\"}"), "NUL");

  /* json-glib would recurse once per level and overflow the stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_refused_by_all (deep->str, deep->len, "nested more than");

  for (guint i = 0; i < 40; i++)
    g_string_append (deep_object, "{\"a\":");
  g_string_append (deep_object, "1");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (deep_object, '}');
  assert_refused_by_all (deep_object->str, deep_object->len, "nested more than");
}

/* A body cut anywhere is refused, never half read. */
static void
test_truncated_fixture (void)
{
  g_autofree char *text = NULL;
  gsize length;

  text = read_fixture ("remote/salesforce-presence-page1.json", &length);
  for (gsize cut = 0; cut + 2 < length; cut++)
    for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (parsers[i] (text, cut, &error));
        g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
      }
}

/* Random mutations of real answers: no crash, and an error is always set
 * when the parser fails (run under sanitizers/valgrind for more). */
static void
test_mutations (void)
{
  static const char * const seeds[] = {
    "remote/salesforce-presence-page1.json",
    "remote/salesforce-presence-page2.json",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autofree char *text = NULL;
      gsize length;

      text = read_fixture (seeds[s], &length);
      for (guint round = 0; round < 2000; round++)
        {
          g_autofree char *copy = g_memdup2 (text, length);
          guint flips = g_rand_int_range (rand, 1, 4);

          for (guint f = 0; f < flips; f++)
            copy[g_rand_int_range (rand, 0, length)] = (char)g_rand_int_range (rand, 0, 256);

          for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
            {
              g_autoptr(GError) error = NULL;

              if (!parsers[i] (copy, length, &error))
                g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
              else
                g_assert_no_error (error);
            }
        }
    }
}

static void
test_quote_server_text (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *quoted = NULL;
  g_autofree char *bounded = NULL;
  g_autofree char *invalid = NULL;

  quoted = pb_remote_quote_server_text ("line\none \033[31mred\r\u00e9");
  g_assert_cmpstr (quoted, ==, "line\\u000aone \\u001b[31mred\\u000d\u00e9");

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_text, "\u00e9");
  bounded = pb_remote_quote_server_text (long_text->str);
  g_assert_cmpuint (g_utf8_strlen (bounded, -1), ==, 401);
  g_assert_true (g_str_has_suffix (bounded, "…"));

  invalid = pb_remote_quote_server_text ("a\xff" "b");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
}

static void
test_hide_secrets (void)
{
  g_autofree char *hidden = NULL;

  hidden = pb_remote_hide_secrets ("token 5Aep861abc rejected; 5Aep861abc again; id x",
                                   (const char * const []) { "5Aep861abc", "x", NULL });
  g_assert_cmpstr (hidden, ==, "token … rejected; … again; id x");
  g_assert_null (pb_remote_hide_secrets (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/remote-json/salesforce/page-fixtures", test_salesforce_page_fixtures);
  g_test_add_func ("/remote-json/salesforce/page-shapes", test_salesforce_page_shapes);
  g_test_add_func ("/remote-json/salesforce/page-unknown-fields", test_salesforce_page_unknown_fields);
  g_test_add_func ("/remote-json/salesforce/token", test_salesforce_token);
  g_test_add_func ("/remote-json/salesforce/token-shapes", test_salesforce_token_shapes);
  g_test_add_func ("/remote-json/salesforce/errors", test_salesforce_errors);
  g_test_add_func ("/remote-json/platform/token", test_platform_token);
  g_test_add_func ("/remote-json/platform/account", test_platform_account);
  g_test_add_func ("/remote-json/platform/agent-states", test_platform_agent_states);
  g_test_add_func ("/remote-json/platform/presence-statuses", test_platform_presence_statuses);
  g_test_add_func ("/remote-json/platform/configuration", test_platform_configuration);
  g_test_add_func ("/remote-json/platform/build-escapes", test_platform_build_escapes);
  g_test_add_func ("/remote-json/platform/errors", test_platform_errors);
  g_test_add_func ("/remote-json/hostile-inputs", test_hostile_inputs);
  g_test_add_func ("/remote-json/truncated-fixture", test_truncated_fixture);
  g_test_add_func ("/remote-json/mutations", test_mutations);
  g_test_add_func ("/remote-json/quote-server-text", test_quote_server_text);
  g_test_add_func ("/remote-json/hide-secrets", test_hide_secrets);

  return g_test_run ();
}
