/* main.c: presence-bridge-sandbox, an honest stand-in for Salesforce and
 * the contact-centre platform, on loopback (docs/sandbox.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pb-config-file.h"
#include "pb-generator.h"
#include "pb-sandbox-server.h"

#define EXIT_USAGE          2
#define SEED_RESOURCE       "/io/github/presencebridge/PresenceBridge/sandbox/seed.config.json"
#define GENERATOR_SEED      1
#define MAX_GENERATED       100000
#define MAX_PAGE_SIZE       2000
#define MAX_TOKEN_LIFETIME  (366 * 24 * 60 * 60)

typedef struct
{
  int       port;
  char     *seed;
  char     *generate;
  char     *state;
  char     *page_size;
  int       token_lifetime;
  char     *platform_client_id;
  char     *platform_client_secret;
  char     *salesforce_client_id;
  char    **salesforce_callbacks;
  char    **faults;
  gboolean  exit_with_stdin;
  gboolean  list_routes;
  gboolean  version;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->seed);
  g_free (options->generate);
  g_free (options->state);
  g_free (options->page_size);
  g_free (options->platform_client_id);
  g_free (options->platform_client_secret);
  g_free (options->salesforce_client_id);
  g_strfreev (options->salesforce_callbacks);
  g_strfreev (options->faults);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("presence-bridge-sandbox: %s\n", message);
  return EXIT_USAGE;
}

static void
list_routes (void)
{
  guint n_routes;
  const PbSandboxRoute *routes = pb_sandbox_routes_get (&n_routes);

  for (guint i = 0; i < n_routes; i++)
    g_print ("%s %s %s\n", routes[i].method, routes[i].path, routes[i].endpoint != NULL ? routes[i].endpoint : "-");
}

static gboolean
parse_numbers (const char *text,
               guint       max,
               GArray     *numbers)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, max, &number, NULL))
        return FALSE;
      g_array_append_val (numbers, (guint){ (guint)number });
    }

  return numbers->len > 0;
}

static PbConfiguration *
load_seed (Options  *options,
           GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (options->generate != NULL)
    {
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));

      if (!parse_numbers (options->generate, MAX_GENERATED, counts) || counts->len != 2)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--generate takes STATUSES,STATES (each 1 to %d), not “%s”", MAX_GENERATED,
                       options->generate);
          return NULL;
        }
      return pb_generator_create (g_array_index (counts, guint, 0), g_array_index (counts, guint, 1),
                                  GENERATOR_SEED);
    }

  if (options->seed != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      PbConfiguration *seed = pb_config_file_load_path (options->seed, &local_error);

      if (seed == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", options->seed, local_error->message);
      return seed;
    }

  bytes = g_resources_lookup_data (SEED_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  return bytes != NULL ? pb_config_file_load_bytes (bytes, error) : NULL;
}

static void
print_ready_line (Options    *options,
                  const char *base_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *platform_url = g_strconcat (base_url, PB_SANDBOX_PLATFORM_PREFIX, NULL);
  g_autofree char *admin_url = g_strconcat (base_url, PB_SANDBOX_ADMIN_PREFIX, NULL);
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, base_url);
  json_builder_set_member_name (builder, "platformUrl");
  json_builder_add_string_value (builder, platform_url);
  json_builder_set_member_name (builder, "authUrl");
  json_builder_add_string_value (builder, platform_url);
  json_builder_set_member_name (builder, "salesforceLoginUrl");
  json_builder_add_string_value (builder, base_url);
  json_builder_set_member_name (builder, "adminUrl");
  json_builder_add_string_value (builder, admin_url);
  json_builder_set_member_name (builder, "platformClientId");
  json_builder_add_string_value (builder, options->platform_client_id);
  json_builder_set_member_name (builder, "platformClientSecret");
  json_builder_add_string_value (builder, options->platform_client_secret);
  json_builder_set_member_name (builder, "salesforceClientId");
  json_builder_add_string_value (builder, options->salesforce_client_id);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);

  /* The one line on stdout, whole and at once: whoever started us waits
   * for it. */
  fprintf (stdout, "%s\n", line);
  fflush (stdout);
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stdin (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  char buffer[4096];
  ssize_t n = read (fd, buffer, sizeof buffer);

  if (n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN)))
    return G_SOURCE_CONTINUE;

  /* main() removes the source once the loop has stopped. */
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_options (Options  *options,
               GArray   *page_sizes,
               GError  **error)
{
  if (options->port < 0 || options->port > 65535)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--port takes 0 to 65535");
      return FALSE;
    }
  if (options->seed != NULL && options->generate != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--seed and --generate exclude each other");
      return FALSE;
    }
  if (!parse_numbers (options->page_size, MAX_PAGE_SIZE, page_sizes))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--page-size takes N or N,M,… (each 1 to %d), not “%s”", MAX_PAGE_SIZE, options->page_size);
      return FALSE;
    }
  if (options->token_lifetime < 1 || options->token_lifetime > MAX_TOKEN_LIFETIME)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--token-lifetime takes 1 to %d seconds", MAX_TOKEN_LIFETIME);
      return FALSE;
    }
  if (*options->platform_client_id == '\0' || *options->platform_client_secret == '\0' ||
      *options->salesforce_client_id == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "client ids and secrets may not be empty");
      return FALSE;
    }
  for (guint i = 0; options->salesforce_callbacks[i] != NULL; i++)
    if (!g_uri_is_valid (options->salesforce_callbacks[i], G_URI_FLAGS_NONE, NULL))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--salesforce-callback: “%s” is not a URL",
                     options->salesforce_callbacks[i]);
        return FALSE;
      }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = {
    .port = 0,
    .token_lifetime = 3600,
  };
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &options.port, "Port on 127.0.0.1 (0, the default: a free one)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &options.seed, "Configuration file to start from (default: the worked example)", "FILE" },
    { "generate", 0, 0, G_OPTION_ARG_STRING, &options.generate, "Start from a generated org and account", "STATUSES,STATES" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &options.state, "Keep the state in this file (default: memory only)", "FILE" },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &options.page_size, "Records per query page, in turn (default 2000)", "N[,M…]" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &options.token_lifetime, "Lifetime of access tokens (default 3600)", "SECONDS" },
    { "platform-client-id", 0, 0, G_OPTION_ARG_STRING, &options.platform_client_id, "Platform client id (default sandbox-platform)", "ID" },
    { "platform-client-secret", 0, 0, G_OPTION_ARG_STRING, &options.platform_client_secret, "Platform client secret (default sandbox-secret)", "SECRET" },
    { "salesforce-client-id", 0, 0, G_OPTION_ARG_STRING, &options.salesforce_client_id, "Connected app consumer key (default sandbox-connected-app)", "ID" },
    { "salesforce-callback", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.salesforce_callbacks, "A registered callback URL, matched exactly (repeatable; default http://localhost:8717/callback)", "URL" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.faults, "Inject a fault (repeatable; see docs/sandbox.md)", "ENDPOINT:KIND[=VALUE][*COUNT]" },
    { "exit-with-stdin", 0, 0, G_OPTION_ARG_NONE, &options.exit_with_stdin, "Exit when standard input reaches its end", NULL },
    { "list-routes", 0, 0, G_OPTION_ARG_NONE, &options.list_routes, "Print every route and exit", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version, "Print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) page_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PbConfiguration) seed = NULL;
  g_autoptr(PbSandboxState) state = NULL;
  g_autoptr(PbSandboxFaults) faults = NULL;
  g_autoptr(PbSandboxRequestLog) log = NULL;
  g_autoptr(PbSandboxOAuth) oauth = NULL;
  g_autoptr(PbSandboxSalesforce) salesforce = NULL;
  g_autoptr(PbSandboxPlatform) platform = NULL;
  g_autoptr(PbSandboxAdmin) admin = NULL;
  g_autoptr(PbSandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id, stdin_id = 0;

  setlocale (LC_ALL, "");
  g_set_prgname ("presence-bridge-sandbox");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "A stand-in for Salesforce and the contact-centre platform, on loopback, "
                                "for trying Presence Bridge and for its tests. Not a real server.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc > 1)
    return usage_error ("unexpected argument “%s”", argv[1]);

  if (options.version)
    {
      g_print ("presence-bridge-sandbox %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (options.list_routes)
    {
      list_routes ();
      return EXIT_SUCCESS;
    }

  if (options.page_size == NULL)
    options.page_size = g_strdup ("2000");
  if (options.platform_client_id == NULL)
    options.platform_client_id = g_strdup ("sandbox-platform");
  if (options.platform_client_secret == NULL)
    options.platform_client_secret = g_strdup ("sandbox-secret");
  if (options.salesforce_client_id == NULL)
    options.salesforce_client_id = g_strdup ("sandbox-connected-app");
  if (options.salesforce_callbacks == NULL)
    options.salesforce_callbacks = g_strdupv ((char *[]){ "http://localhost:8717/callback", NULL });
  if (options.faults == NULL)
    options.faults = g_new0 (char *, 1);

  if (!check_options (&options, page_sizes, &error))
    return usage_error ("%s", error->message);

  faults = pb_sandbox_faults_new ();
  for (guint i = 0; options.faults[i] != NULL; i++)
    if (!pb_sandbox_faults_add_spec (faults, options.faults[i], &error))
      return usage_error ("--fault %s: %s", options.faults[i], error->message);

  seed = load_seed (&options, &error);
  if (seed == NULL)
    return usage_error ("%s", error->message);

  state = pb_sandbox_state_new (seed);
  if (options.state != NULL && !pb_sandbox_state_attach_file (state, options.state, &error))
    return usage_error ("--state %s", error->message);

  log = pb_sandbox_request_log_new ();
  oauth = pb_sandbox_oauth_new (state, options.platform_client_id, options.platform_client_secret,
                                options.salesforce_client_id, (const char * const *)options.salesforce_callbacks,
                                options.token_lifetime);
  salesforce = pb_sandbox_salesforce_new (state, faults, page_sizes);
  platform = pb_sandbox_platform_new (state, faults);
  admin = pb_sandbox_admin_new (state, faults, log, (const char * const *)options.faults);
  server = pb_sandbox_server_new (oauth, salesforce, platform, admin, faults, log);

  if (!pb_sandbox_server_listen (server, options.port, &error))
    {
      g_printerr ("presence-bridge-sandbox: cannot listen on port %d: %s\n", options.port, error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  if (options.exit_with_stdin)
    stdin_id = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, loop);

  print_ready_line (&options, pb_sandbox_server_get_base_url (server));
  g_printerr ("presence-bridge-sandbox: listening on %s (a stand-in, not Salesforce or a real platform)\n",
              pb_sandbox_server_get_base_url (server));

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (stdin_id != 0)
    g_source_remove (stdin_id);

  return EXIT_SUCCESS;
}
