/* pb-cli-remote.c: login, fetch, push and resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The remote side is asynchronous (src/remote): each command runs a main
 * loop around one operation, then writes the store in one transaction only
 * once the remote side has answered. SIGINT and SIGTERM cancel the
 * operation; a run cancelled that way changed nothing and exits with
 * 128 + the signal's number, as if the signal had ended it (docs/cli.md).
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "pb-cli.h"
#include "pb-remote.h"

typedef struct _RemoteRun RemoteRun;

typedef struct
{
  RemoteRun *run;
  int signum;
  guint id;
} SignalWatch;

struct _RemoteRun
{
  PbStore *store;
  PbProfile *profile;
  PbRemote *remote;
  GCancellable *cancellable;
  GAsyncResult *result;
  SignalWatch watches[2];
  int signal;  /* the signal that cancelled the run, 0 if none */
};

static void
remote_run_clear (RemoteRun *run)
{
  for (guint i = 0; i < G_N_ELEMENTS (run->watches); i++)
    g_clear_handle_id (&run->watches[i].id, g_source_remove);
  g_clear_object (&run->result);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->remote);
  g_clear_object (&run->profile);
  g_clear_object (&run->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RemoteRun, remote_run_clear)

static void
print_escaped_line (const char *text)
{
  g_autofree char *escaped = pb_cli_escape (text);

  g_printerr ("presence-bridge-cli: %s\n", escaped);
}

static gboolean
on_signal (gpointer user_data)
{
  SignalWatch *watch = user_data;

  watch->run->signal = watch->signum;
  g_cancellable_cancel (watch->run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Rate limits and busy servers: the client waits, and says so. */
static void
on_waiting (PbRemote   *remote,
            guint       seconds,
            const char *message,
            gpointer    user_data)
{
  print_escaped_line (message);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RemoteRun *run = user_data;

  run->result = g_object_ref (result);
}

/* The result of the operation started with on_result and @run, once it
 * is there; the caller owns it. */
static GAsyncResult *
remote_run_wait (RemoteRun *run)
{
  while (run->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&run->result);
}

/* Parses the command line (@entries and the common options, no
 * argument), opens the store and the profile and prepares its remote
 * side; the signals are caught from here on, so the store is never left
 * by a signal in the middle of a write. Prints why not and returns the
 * exit code. */
static int
remote_run_open (RemoteRun           *run,
                 const PbCliCommand  *command,
                 const GOptionEntry  *entries,
                 int                  argc,
                 char               **argv)
{
  int status;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));

  if ((status = pb_cli_open_profile (&run->store, &run->profile)) != PB_EXIT_OK)
    return status;

  run->cancellable = g_cancellable_new ();
  run->watches[0].signum = SIGINT;
  run->watches[1].signum = SIGTERM;
  for (guint i = 0; i < G_N_ELEMENTS (run->watches); i++)
    {
      run->watches[i].run = run;
      run->watches[i].id = g_unix_signal_add (run->watches[i].signum, on_signal, &run->watches[i]);
    }

  /* Credentials from the environment first, for scripts (cli.md). */
  run->remote = pb_remote_new (run->profile, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
  g_signal_connect (run->remote, "waiting", G_CALLBACK (on_waiting), NULL);

  return PB_EXIT_OK;
}

/* An operation failed: cancelled by a signal (@interrupted says what that
 * left as it was), or the remote side's error. */
static int
remote_run_fail (RemoteRun    *run,
                 const GError *error,
                 const char   *interrupted)
{
  if (run->signal != 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      print_escaped_line (interrupted);
      return 128 + run->signal;
    }

  return pb_cli_fail (NULL, error);
}

static const char *
profile_name (RemoteRun *run)
{
  return pb_profile_get_name (run->profile);
}

/* login */

static void
on_authorize (PbRemote   *remote,
              const char *url,
              gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = pb_cli_escape (url);

  /* The address alone on its line, to copy; no secret is in it (the PKCE
   * challenge and the state are made to be seen). */
  g_printerr ("%s\n%s\n%s\n",
              _("Sign in to Salesforce in the browser. If no browser opens, open this address:"),
              escaped,
              _("Waiting for the browser… (Ctrl+C stops)"));

  /* Without a browser (a server, a terminal session) the printed address
   * is the way: not an error. */
  g_app_info_launch_default_for_uri (url, NULL, &error);
}

int
pb_cli_login (const PbCliCommand  *command,
              int                  argc,
              char               **argv)
{
  g_auto(RemoteRun) run = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int status;

  if ((status = remote_run_open (&run, command, NULL, argc, argv)) != PB_EXIT_OK)
    return status;

  g_signal_connect (run.remote, "authorize", G_CALLBACK (on_authorize), NULL);
  pb_remote_sign_in_async (run.remote, run.cancellable, on_result, &run);
  result = remote_run_wait (&run);
  if (!pb_remote_sign_in_finish (run.remote, result, &error))
    return remote_run_fail (&run, error, _("interrupted: not signed in; nothing was kept"));

  name = pb_cli_escape (profile_name (&run));
  /* Translators: %s is a profile name */
  g_print (_("Signed in to Salesforce for profile “%s”. The keyring keeps the sign-in; "
             "“fetch” reads the presence statuses from Salesforce directly."), name);
  g_print ("\n");

  return PB_EXIT_OK;
}

/* fetch */

static void
print_fetch (RemoteRun      *run,
             PbFetchResult  *fetched,
             PbFetchOutcome *outcome)
{
  PbConfiguration *configuration = pb_fetch_result_get_configuration (fetched);
  GListModel *list_changes = pb_fetch_outcome_get_list_changes (outcome);
  g_autofree char *name = pb_cli_escape (profile_name (run));
  g_autofree char *fetched_at = NULL;
  guint n_states = g_list_model_get_n_items (pb_configuration_get_agent_states (configuration));
  guint n_statuses = g_list_model_get_n_items (pb_configuration_get_presence_statuses (configuration));

  /* Translators: %s is a profile name, then the platform's revision number */
  g_print (_("Fetched profile “%s”: the platform’s configuration is at revision %lld."),
           name, (long long) pb_fetch_result_get_revision (fetched));
  g_print ("\n");

  if (pb_fetch_result_get_statuses_source (fetched) == PB_STATUS_SOURCE_SALESFORCE)
    {
      /* Translators: two counts */
      g_print (_("Agent states: %u. Presence statuses: %u, read from Salesforce."), n_states, n_statuses);
    }
  else
    {
      fetched_at = g_date_time_format_iso8601 (pb_fetch_result_get_statuses_fetched_at (fetched));
      /* Translators: two counts, then a time such as 2026-11-24T12:00:00Z */
      g_print (_("Agent states: %u. Presence statuses: %u, read from Salesforce by the platform at %s."),
               n_states, n_statuses, fetched_at);
    }
  g_print ("\n");

  if (g_list_model_get_n_items (list_changes) == 0)
    g_print ("%s\n", _("The lists have not changed."));
  else
    {
      g_print ("%s\n", _("Changes to the lists:"));
      pb_cli_print_changes (list_changes);
    }

  if (pb_fetch_outcome_get_draft (outcome) == PB_FETCH_DRAFT_KEPT)
    g_print ("%s\n", pb_fetch_outcome_get_conflict (outcome)
                       ? _("The draft keeps its unpublished edits, and is in conflict with the platform’s configuration.")
                       : _("The draft keeps its unpublished edits, on the fetched lists."));
  else if (pb_fetch_outcome_get_revision (outcome) != 0)
    {
      /* Translators: %u is a revision number */
      g_print (_("The draft is the platform’s configuration now (recorded as revision %u)."),
               pb_fetch_outcome_get_revision (outcome));
      g_print ("\n");
    }
  else
    g_print ("%s\n", _("The draft is the platform’s configuration; the history has it already."));

  if (pb_fetch_outcome_get_conflict (outcome))
    {
      g_printerr ("presence-bridge-cli: ");
      /* Translators: %s is a profile name */
      g_printerr (_("warning: profile “%s” is in conflict: the platform’s configuration changed since the draft "
                    "was based on it, and the draft has edits of its own. “push” exits with 3 until "
                    "“resolve --keep-local” or “resolve --take-remote” settles it."), name);
      g_printerr ("\n");
    }
}

/* Fetches and records what came in one transaction, then says what it
 * did; prints why not and returns the exit code on failure. */
static int
fetch_and_record (RemoteRun *run)
{
  g_autoptr(PbFetchResult) fetched = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PbAvailability revert_available;

  pb_remote_fetch_async (run->remote, run->cancellable, on_result, run);
  result = remote_run_wait (run);
  fetched = pb_remote_fetch_finish (run->remote, result, &error);
  if (fetched == NULL)
    return remote_run_fail (run, error, _("interrupted: nothing was fetched; the store is as it was"));

  revert_available = pb_fetch_result_get_revert_to_last_status_available (fetched)
                     ? PB_AVAILABILITY_AVAILABLE : PB_AVAILABILITY_UNAVAILABLE;
  /* The CLI's writes are unguarded (docs/store.md, "Generations"). */
  outcome = pb_store_record_fetch (run->store, run->profile, pb_fetch_result_get_configuration (fetched),
                                   pb_fetch_result_get_etag (fetched), pb_fetch_result_get_revision (fetched),
                                   revert_available, NULL, &error);
  if (outcome == NULL)
    return pb_cli_fail (NULL, error);

  print_fetch (run, fetched, outcome);
  return PB_EXIT_OK;
}

int
pb_cli_fetch (const PbCliCommand  *command,
              int                  argc,
              char               **argv)
{
  g_auto(RemoteRun) run = { 0 };
  int status;

  if ((status = remote_run_open (&run, command, NULL, argc, argv)) != PB_EXIT_OK)
    return status;

  return fetch_and_record (&run);
}

/* push */

static void
print_remote_findings (GPtrArray *findings)
{
  g_autoptr(GListStore) store = g_list_store_new (PB_TYPE_FINDING);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    g_list_store_append (store, g_ptr_array_index (findings, i));

  pb_cli_print_findings (G_LIST_MODEL (store));
}

/* Nothing goes out while publishing would be wrong: never fetched, in
 * conflict, or with errors — in that order, each the thing to do first (a
 * profile never fetched has no lists, and its errors say nothing; a
 * conflict settled may change the draft the errors are in). Returns
 * PB_EXIT_OK to go on. */
static int
check_publishable (RemoteRun      *run,
                   PbProfileState *state)
{
  g_autofree char *name = pb_cli_escape (profile_name (run));
  g_autoptr(GListModel) findings = NULL;
  guint n_errors;

  if (pb_profile_state_get_base (state) == NULL)
    {
      g_printerr ("presence-bridge-cli: ");
      /* Translators: %s is a profile name */
      g_printerr (_("profile “%s” has never been fetched, so there is no platform configuration to publish "
                    "over: run “fetch” first; nothing was published"), name);
      g_printerr ("\n");
      return PB_EXIT_CONFLICT;
    }

  if (pb_profile_state_get_conflict (state))
    {
      g_printerr ("presence-bridge-cli: ");
      /* Translators: %s is a profile name */
      g_printerr (_("profile “%s” is in conflict: the platform’s configuration changed since the draft was "
                    "based on it; settle it with “resolve --keep-local” or “resolve --take-remote” (or in the "
                    "window); nothing was published"), name);
      g_printerr ("\n");
      return PB_EXIT_CONFLICT;
    }

  findings = pb_checks_run (pb_profile_state_get_draft (state));
  n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      pb_cli_print_findings (findings);
      g_printerr ("presence-bridge-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               /* Translators: %s is a profile name, %u a count */
                               "the draft of “%s” has %u error: nothing was published",
                               "the draft of “%s” has %u errors: nothing was published",
                               n_errors), name, n_errors);
      g_printerr ("\n");
      return PB_EXIT_CONFIGURATION_ERRORS;
    }

  return PB_EXIT_OK;
}

/* 412: someone saved in between. What the platform holds now is fetched
 * and recorded, so the conflict shows (in the window too). */
static int
after_conflict (RemoteRun    *run,
                const GError *error)
{
  int status;

  pb_cli_fail (NULL, error);
  g_printerr ("presence-bridge-cli: %s\n", _("fetching the platform’s configuration as it is now…"));

  status = fetch_and_record (run);
  return status == PB_EXIT_OK || status == PB_EXIT_REMOTE ? PB_EXIT_CONFLICT : status;
}

int
pb_cli_push (const PbCliCommand  *command,
             int                  argc,
             char               **argv)
{
  g_autofree char *comment = NULL;
  const GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The comment of the revision the publish records"),
      N_("TEXT") },
    { NULL }
  };
  g_auto(RemoteRun) run = { 0 };
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PbRemoteConfiguration *base;
  PbConfiguration *draft;
  guint number;
  int status;

  if ((status = remote_run_open (&run, command, entries, argc, argv)) != PB_EXIT_OK)
    return status;

  state = pb_store_load_state (run.store, run.profile, &error);
  if (state == NULL)
    return pb_cli_fail (NULL, error);
  if ((status = check_publishable (&run, state)) != PB_EXIT_OK)
    return status;

  name = pb_cli_escape (profile_name (&run));
  base = pb_profile_state_get_base (state);
  draft = pb_profile_state_get_draft (state);
  if (pb_configuration_published_equal (draft, pb_remote_configuration_get_configuration (base)))
    {
      /* Translators: %s is a profile name, then the platform's revision number */
      g_print (_("Nothing to publish: the draft of “%s” is the platform’s configuration as last fetched or "
                 "published (revision %lld)."),
               name, (long long) pb_remote_configuration_get_revision (base));
      g_print ("\n");
      return PB_EXIT_OK;
    }

  pb_remote_publish_async (run.remote, draft, pb_remote_configuration_get_etag (base), run.cancellable,
                           on_result, &run);
  result = remote_run_wait (&run);
  stored = pb_remote_publish_finish (run.remote, result, &error);
  if (stored == NULL)
    {
      if (g_error_matches (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT))
        return after_conflict (&run, error);
      if (g_error_matches (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_REFUSED))
        print_remote_findings (pb_remote_error_get_findings (error));
      return remote_run_fail (&run, error,
                              _("interrupted before the platform answered: nothing was recorded in the store; "
                                "“fetch” shows what the platform holds"));
    }

  number = pb_store_record_publish (run.store, run.profile, draft, stored, comment, NULL, &error);
  if (number == 0)
    return pb_cli_fail (NULL, error);

  /* Translators: %s is a profile name, then the platform's revision number, then ours */
  g_print (_("Published profile “%s”: the platform’s configuration is at revision %lld"
             " (recorded as revision %u)."),
           name, (long long) pb_remote_configuration_get_revision (stored), number);
  g_print ("\n");

  return PB_EXIT_OK;
}

/* resolve */

int
pb_cli_resolve (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  gboolean keep_local = FALSE;
  gboolean take_remote = FALSE;
  const GOptionEntry entries[] = {
    { "keep-local", 0, 0, G_OPTION_ARG_NONE, &keep_local,
      N_("Keep the draft, based on the platform’s configuration now: the next push replaces it"), NULL },
    { "take-remote", 0, 0, G_OPTION_ARG_NONE, &take_remote,
      N_("Make the platform’s configuration the draft (the draft’s edits stay in the history)"), NULL },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 remote_revision;
  guint revision = 0;
  int status;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));
  if (keep_local == take_remote)
    return pb_cli_usage_error (command, "%s", _("Give either --keep-local or --take-remote"));

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  state = pb_store_load_state (store, profile, &error);
  if (state == NULL)
    return pb_cli_fail (NULL, error);

  name = pb_cli_escape (pb_profile_get_name (profile));
  if (!pb_profile_state_get_conflict (state))
    {
      /* Translators: %s is a profile name */
      g_print (_("Profile “%s” is not in conflict with the platform’s configuration: there is nothing to resolve."),
               name);
      g_print ("\n");
      return PB_EXIT_OK;
    }

  remote_revision = pb_remote_configuration_get_revision (pb_profile_state_get_remote (state));
  if (!pb_store_resolve_conflict (store, profile, keep_local, &revision, NULL, &error))
    return pb_cli_fail (NULL, error);

  if (keep_local)
    /* Translators: %s is a profile name, then the platform's revision number */
    g_print (_("Kept the draft of “%s”, now based on the platform’s configuration at revision %lld"
               ": the next “push” replaces that configuration."),
             name, (long long) remote_revision);
  else
    /* Translators: %s is a profile name, then the platform's revision number, then ours */
    g_print (_("The draft of “%s” is the platform’s configuration at revision %lld"
               " now (recorded as revision %u); the edits it replaced are in the history."),
             name, (long long) remote_revision, revision);
  g_print ("\n");

  return PB_EXIT_OK;
}
