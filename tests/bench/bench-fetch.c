/* bench-fetch.c: `presence-bridge-cli fetch` of 10,000 presence statuses
 * beside curl fetching the same pages, in the same run
 *
 * Prints figures; asserts nothing about them (timing belongs in
 * docs/benchmarks.md, not in tests). Run: meson test -C BUILD --benchmark -v
 * bench-fetch (it needs the sandbox, the CLI and curl).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pb-remote.h"
#include "pb-test-cli.h"
#include "pb-test-fixtures.h"
#include "pb-test-sandbox.h"

#define GENERATE   "10000,200"
#define PAGE_SIZE  "2000"
#define RUNS       5
#define CALLBACK   "http://localhost:8717/callback"

static const char * const queries[] = {
  "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus",
  "SELECT Id, DeveloperName, MasterLabel FROM ServiceChannel",
  "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* One request with curl, the headers (if any) from a file: no token on a
 * command line. Returns the body. */
static char *
curl (const char *headers,
      const char *method,
      const char *url,
      const char *form)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *header_file = headers ? g_strconcat ("@", headers, NULL) : NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (args, (char *)"curl");
  g_ptr_array_add (args, (char *)"--silent");
  g_ptr_array_add (args, (char *)"--show-error");
  g_ptr_array_add (args, (char *)"--fail");
  g_ptr_array_add (args, (char *)"--request");
  g_ptr_array_add (args, (char *)method);
  if (headers != NULL)
    {
      g_ptr_array_add (args, (char *)"--header");
      g_ptr_array_add (args, header_file);
    }
  if (form != NULL)
    {
      g_ptr_array_add (args, (char *)"--data");
      g_ptr_array_add (args, (char *)form);
    }
  g_ptr_array_add (args, (char *)url);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **)args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
write_headers (const char *dir,
               const char *name,
               const char *token,
               const char *accept)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = g_strdup_printf ("Authorization: Bearer %s\n%s%s\n", token,
                                               accept ? "Accept: " : "", accept ? accept : "");

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* What the CLI's fetch asks, with curl: the platform's token, account,
 * agent states and configuration, then every page of the three queries.
 * Returns the number of statuses read; counts the requests. */
static guint
fetch_with_curl (PbTestSandbox *sandbox,
                 const char    *dir,
                 const char    *salesforce_token,
                 guint         *n_requests)
{
  g_autofree char *token_url = g_strconcat (sandbox->auth_url, "/connect/token", NULL);
  g_autofree char *form = g_strdup_printf ("grant_type=client_credentials&client_id=%s&client_secret=%s"
                                           "&scope=omnichannel-config",
                                           sandbox->platform_client_id, sandbox->platform_client_secret);
  g_autofree char *token_answer = curl (NULL, "POST", token_url, form);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *platform_headers = NULL;
  g_autofree char *salesforce_headers = write_headers (dir, "salesforce.txt", salesforce_token, NULL);
  static const char * const platform_paths[] = {
    "/omnichannel/account", "/omnichannel/agent-states", "/omnichannel/configuration",
  };
  guint n_statuses = 0;

  platform_headers = write_headers (dir, "platform.txt",
                                    json_object_get_string_member (parse_object (token_answer, parser),
                                                                   "access_token"),
                                    "application/vnd.contactcentre.v1+json");
  for (guint i = 0; i < G_N_ELEMENTS (platform_paths); i++)
    {
      g_autofree char *url = g_strconcat (sandbox->platform_url, platform_paths[i], NULL);

      g_free (curl (platform_headers, "GET", url, NULL));
    }
  *n_requests = 1 + G_N_ELEMENTS (platform_paths);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *encoded = g_uri_escape_string (queries[q], NULL, FALSE);
      g_autofree char *url = g_strdup_printf ("%s/services/data/v60.0/query?q=%s", sandbox->url, encoded);

      while (url != NULL)
        {
          g_autofree char *page = curl (salesforce_headers, "GET", url, NULL);
          JsonObject *answer = parse_object (page, parser);

          (*n_requests)++;
          if (q == 0)
            n_statuses += json_array_get_length (json_object_get_array_member (answer, "records"));
          g_clear_pointer (&url, g_free);
          if (!json_object_get_boolean_member (answer, "done"))
            url = g_strconcat (sandbox->url, json_object_get_string_member (answer, "nextRecordsUrl"), NULL);
        }
    }

  return n_statuses;
}

int
main (int   argc,
      char *argv[])
{
  const char * const sandbox_args[] = { "--generate", GENERATE, "--page-size", PAGE_SIZE, NULL };
  g_autoptr(GArray) cli_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonNode) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *curl_path = g_find_program_in_path ("curl");
  PbTestSandbox *sandbox;
  const char *access_token;
  double cli_ms, curl_ms;

  if (curl_path == NULL)
    {
      g_print ("bench-fetch: curl is not installed; nothing to compare with\n");
      return 77;
    }

  dir = g_dir_make_tmp ("pb-bench-fetch-XXXXXX", &error);
  g_assert_no_error (error);
  sandbox = pb_test_sandbox_start (sandbox_args);
  tokens = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);
  access_token = json_object_get_string_member (json_node_get_object (tokens), "access_token");

  /* Signed in by the environment, as a script in CI would be. */
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, sandbox->platform_client_secret, TRUE);
  g_setenv (PB_ENV_SALESFORCE_INSTANCE_URL, sandbox->url, TRUE);
  g_setenv (PB_ENV_SALESFORCE_ACCESS_TOKEN, access_token, TRUE);

  /* Alternated, so both meet the machine in the same state. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *name = g_strdup_printf ("store-%u.db", run);
      Fixture fixture = { dir, g_build_filename (dir, name, NULL) };
      g_auto(Run) add = { 0 };
      g_auto(Run) fetch = { 0 };
      gint64 start;
      guint n_statuses;
      guint n_requests;
      double ms;

      run_cli (&fixture, &add, "profile", "add", "Bench", "--platform-url", sandbox->platform_url,
               "--auth-url", sandbox->auth_url, "--client-id", sandbox->platform_client_id, NULL);
      g_assert_cmpint (add.status, ==, 0);

      start = g_get_monotonic_time ();
      run_cli (&fixture, &fetch, "fetch", NULL);
      ms = elapsed_ms (start);
      g_assert_cmpint (fetch.status, ==, 0);
      g_assert_nonnull (strstr (fetch.out, "Presence statuses: 10000, read from Salesforce."));
      g_array_append_val (cli_times, ms);

      start = g_get_monotonic_time ();
      n_statuses = fetch_with_curl (sandbox, dir, access_token, &n_requests);
      ms = elapsed_ms (start);
      g_assert_cmpuint (n_statuses, ==, 10000);
      g_array_append_val (curl_times, ms);

      g_print ("run %u: presence-bridge-cli fetch %.0f ms, curl %.0f ms (%u requests)\n", run + 1,
               g_array_index (cli_times, double, run), ms, n_requests);
      g_free (fixture.store);
    }

  cli_ms = median (cli_times);
  curl_ms = median (curl_times);
  g_print ("fetch of 10,000 statuses (pages of " PAGE_SIZE "), median of %d runs:\n", RUNS);
  g_print ("  presence-bridge-cli fetch (end to end, into a new store): %.0f ms\n", cli_ms);
  g_print ("  curl, the same requests one process each:                %.0f ms\n", curl_ms);
  g_print ("  ratio: %.2f (target: at most 2)\n", cli_ms / curl_ms);

  pb_test_sandbox_stop (sandbox);
  pb_test_remove_tree (dir);
  return 0;
}
