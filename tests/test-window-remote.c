/* test-window-remote.c: the window's remote side against the sandbox
 *
 * Fetch, Publish, the connection, sign-in, conflicts with the platform and
 * edits kept aside, each driven through the window's actions, keys and
 * dialogs as an administrator would, and checked three ways: what the
 * window shows, what the store holds, and what the sandbox saw and has.
 * Every test starts its own presence-bridge-sandbox over HTTP on
 * 127.0.0.1; the keyring is libsecret's file backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-conflict-choice-row.h"
#include "pb-conflict-dialog.h"
#include "pb-connection-dialog.h"
#include "pb-banner.h"
#include "pb-diff-view.h"
#include "pb-problem-row.h"
#include "pb-problems-panel.h"
#include "pb-profile-switcher.h"
#include "pb-remote.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"
#include "pb-application.h"
#include "pb-test-window.h"
#include "pb-ui-util.h"

typedef struct
{
  PbTestWindowFixture window;
  PbTestSandbox *sandbox;
  guint port;          /* the profile's callback port, registered with the sandbox */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  pb_test_window_set_up (&f->window, NULL);

  f->port = pb_test_free_port ();
  g_ptr_array_add (args, g_strdup ("--salesforce-callback"));
  g_ptr_array_add (args, g_strdup_printf ("http://localhost:%u/callback", f->port));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, NULL);
  f->sandbox = pb_test_sandbox_start ((const char * const *)args->pdata);

  /* The platform's secret for this run, as a script gives it; the
   * connection test takes it away and types it in the dialog instead. */
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, f->sandbox->platform_client_secret, TRUE);
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_unsetenv (PB_ENV_SALESFORCE_ACCESS_TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pb_test_window_tear_down (&f->window, NULL);
  pb_test_sandbox_stop (f->sandbox);
  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_unsetenv (PB_ENV_SALESFORCE_ACCESS_TOKEN);
}

/* The store, before the window opens it */

typedef enum
{
  PROFILE_SANDBOX,    /* every URL and client id of the sandbox */
  PROFILE_NAME_ONLY,  /* a profile that says nothing of where it connects */
} ProfileKind;

static void
add_profile (Fixture     *f,
             const char  *name,
             ProfileKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (f->window.store_path, &error);
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) added = NULL;

  g_assert_no_error (error);
  profile = kind == PROFILE_SANDBOX ? pb_test_sandbox_profile (f->sandbox, name, f->port) : pb_profile_new (name);
  added = pb_store_add_profile (store, profile, &error);
  g_assert_no_error (error);
}

static PbWindow *
open_sandbox_profile (Fixture *f)
{
  PbWindow *window;

  add_profile (f, "Sandbox", PROFILE_SANDBOX);
  window = pb_test_window_open (&f->window);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Sandbox");
  return window;
}

/* The same, fetched once: the sandbox's lists and mapping in the grids. */
static PbWindow *
open_fetched_profile (Fixture *f)
{
  PbWindow *window = open_sandbox_profile (f);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL);
  pb_test_window_wait_idle (window);
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  pb_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* What the window shows */

static void
activate (PbWindow   *window,
          const char *action)
{
  g_assert_true (pb_test_action_enabled (window, action));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* Activates @action (a fetch, a publish…) and waits until the window has
 * nothing left running: the answer is shown. */
static void
run_action (PbWindow   *window,
            const char *action)
{
  activate (window, action);
  pb_test_window_wait_idle (window);
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A toast shows @text (toasts are in the window's toast overlay). */
static gboolean
toast_shows (PbWindow   *window,
             const char *text)
{
  return find_label (pb_test_window_child (window, "toast_overlay"), text) != NULL;
}

/* The window's message dialog, its heading @heading. */
static AdwMessageDialog *
message_dialog (PbWindow   *window,
                const char *heading)
{
  GtkWindow *dialog = pb_window_get_dialog (window);

  g_assert_nonnull (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

/* A dialog's part, by its name in the template of @type. */
static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static PbBanner *
banner (PbWindow   *window,
        const char *name)
{
  return PB_BANNER (pb_test_window_child (window, name));
}

/* What the store holds, read as another window would */

static PbProfileState *
load_state (PbWindow *window)
{
  g_autoptr(GError) error = NULL;
  PbProfileState *state = pb_store_load_state (pb_window_get_store (window), pb_window_get_profile (window), &error);

  g_assert_no_error (error);
  return state;
}

static PbRevision *
newest_revision (PbWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revisions = pb_store_list_revisions (pb_window_get_store (window),
                                                             pb_window_get_profile (window), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), >, 0);
  return g_list_model_get_item (revisions, 0);
}

/* What the sandbox has and saw */

/* The platform's configuration now, as the admin API tells it. */
static JsonObject *
sandbox_configuration (Fixture *f)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_get_configuration (f->sandbox);
  g_autoptr(JsonNode) root = pb_test_response_json (response);

  return json_object_ref (json_node_get_object (root));
}

/* Another administrator saves on the platform. */
static void
save_elsewhere (Fixture    *f,
                const char *body)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (f->sandbox, "PUT", "/configuration", body);

  g_assert_cmpuint (response->status, ==, 200);
}

/* The requests the sandbox logged for @endpoint, oldest first. */
static JsonArray *
logged_requests (Fixture    *f,
                 const char *endpoint)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (f->sandbox, "GET", "/requests", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *requests;
  JsonArray *matching = json_array_new ();

  g_assert_cmpuint (response->status, ==, 200);
  root = pb_test_response_json (response);
  requests = json_object_get_array_member (json_node_get_object (root), "requests");
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "endpoint", NULL), endpoint) == 0)
        json_array_add_object_element (matching, json_object_ref (entry));
    }

  return matching;
}


/* 1. An empty profile pointing at the sandbox: fetched from its empty page */

static void
test_fetch_empty_profile (Fixture       *f,
                          gconstpointer  data)
{
  PbWindow *window = open_sandbox_profile (f);
  g_autoptr(PbRevision) revision = NULL;
  GtkWidget *show;
  AdwMessageDialog *dialog;
  PbDiffView *changes;

  /* No lists yet: the empty page offers Fetch, and Publish is nowhere. */
  g_assert_cmpstr (pb_test_window_page (window), ==, "empty");
  g_assert_true (pb_test_action_enabled (window, "win.fetch"));
  g_assert_false (pb_test_action_enabled (window, "win.publish"));
  g_assert_false (gtk_widget_get_visible (pb_test_window_child (window, "publish_button")));
  /* A profile on this computer is the sandbox, and the header says so. */
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "sandbox_label")));
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-empty-profile");

  /* The empty page's own button, as the administrator clicks it. */
  g_signal_emit_by_name (pb_test_find_button (pb_test_window_child (window, "empty_page"), "_Fetch the Lists"),
                         "clicked");
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "cancel_remote_button")));
  g_assert_false (gtk_widget_get_visible (pb_test_window_child (window, "fetch_button")));
  pb_test_window_wait_idle (window);

  /* The grids show the sandbox's lists (the worked example) and mapping. */
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "On_a_call")), ==, "Away");
  g_assert_cmpstr (pb_test_chooser_text (pb_test_state_chooser (window, "wrap")), ==, "Taking notes");
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "fetch_button")));
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "publish_button")));
  g_assert_true (toast_shows (window, "the draft is the platform’s configuration"));

  /* The history has the fetch, and the store the platform's ETag. */
  revision = newest_revision (window);
  g_assert_cmpstr (pb_revision_get_source (revision), ==, PB_REVISION_SOURCE_FETCH);
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_nonnull (pb_profile_state_get_base (state));
    g_assert_false (pb_profile_state_get_conflict (state));
    g_assert_cmpint (pb_remote_configuration_get_revision (pb_profile_state_get_base (state)), ==, 1);
  }

  /* The sandbox was asked through the platform (no Salesforce sign-in). */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", "POST"), ==, 1);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), ==, 0);

  /* The toast's Show: what the fetch changed in the lists. */
  show = pb_test_find_button (pb_test_window_child (window, "toast_overlay"), "_Show");
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");
  dialog = message_dialog (window, "What the Fetch Changed");
  changes = PB_DIFF_VIEW (pb_test_find_widget (GTK_WIDGET (dialog), PB_TYPE_DIFF_VIEW));
  g_assert_nonnull (changes);
  g_assert_nonnull (find_label (GTK_WIDGET (changes), "Ready for cases"));
  g_assert_nonnull (find_label (GTK_WIDGET (changes), "Break"));
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-fetch-changes");
  pb_test_click_response (GTK_WINDOW (dialog), "_Close");
}


/* 2. A profile that says nothing of its platform: Fetch explains, and the
 * connection dialog fills it in, the secret in the keyring only */

#define TYPED_SECRET "typed-in-the-dialog-7f3a9c"

static GtkWidget *
connection_child (PbConnectionDialog *dialog,
                  const char         *name)
{
  return template_child (dialog, PB_TYPE_CONNECTION_DIALOG, name);
}

static void
type_into (PbConnectionDialog *dialog,
           const char         *row,
           const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (connection_child (dialog, row)), text);
}

static gboolean
keyring_has_platform_secret (PbProfile *profile)
{
  g_autoptr(PbRemote) remote = pb_remote_new (profile, PB_REMOTE_FLAGS_NONE);

  return pb_test_remote_has_client_secret (remote);
}

/* Whether @needle is anywhere in the bytes of @path (absent: no). Read
 * by another process: closing a descriptor of the store here would drop
 * SQLite's locks on it. */
static gboolean
file_holds (const char *path,
            const char *needle)
{
  g_autoptr(GSubprocess) grep = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  grep = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "grep", "-q", "-a", "-F", needle, path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (grep, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (grep));
  g_assert_cmpint (g_subprocess_get_exit_status (grep), <=, 1);
  return g_subprocess_get_exit_status (grep) == 0;
}

static void
test_connection_dialog (Fixture       *f,
                        gconstpointer  data)
{
  PbWindow *window;
  AdwMessageDialog *explained;
  PbConnectionDialog *dialog;
  GtkWidget *save;
  GtkLabel *problem;
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  /* The secret is typed, not given by the environment. */
  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  add_profile (f, "Bare", PROFILE_NAME_ONLY);
  window = pb_test_window_open (&f->window);
  g_assert_cmpstr (pb_test_window_page (window), ==, "empty");
  g_assert_false (gtk_widget_get_visible (pb_test_window_child (window, "sandbox_label")));

  /* Fetch says what is missing, and offers the one step that fixes it. */
  activate (window, "win.fetch");
  explained = message_dialog (window, "Connect the Profile First");
  assert_contains (adw_message_dialog_get_body (explained), "API URL");
  assert_contains (adw_message_dialog_get_body (explained), "client ID");
  g_assert_cmpstr (adw_message_dialog_get_default_response (explained), ==, "connection");
  pb_test_click_response (GTK_WINDOW (explained), "_Connection…");

  dialog = PB_CONNECTION_DIALOG (pb_window_get_dialog (window));
  g_assert_true (PB_IS_CONNECTION_DIALOG (dialog));
  g_object_ref (dialog);
  save = connection_child (dialog, "save_button");
  problem = GTK_LABEL (connection_child (dialog, "platform_error_label"));
  pb_test_wait_for_draw (GTK_WIDGET (dialog));

  /* Plain http:// to another computer is refused where it is typed. */
  type_into (dialog, "platform_url_row", "http://platform.example.com/api");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  assert_contains (gtk_label_get_text (problem), "https://");
  g_assert_true (gtk_widget_has_css_class (connection_child (dialog, "platform_url_row"), "error"));
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-connection-refused-url");

  /* A secret is kept for one server and client id: not without them. */
  type_into (dialog, "platform_url_row", f->sandbox->platform_url);
  type_into (dialog, "client_secret_row", TYPED_SECRET);
  g_assert_false (gtk_widget_get_sensitive (save));
  assert_contains (gtk_label_get_text (problem), "client ID");

  type_into (dialog, "auth_url_row", f->sandbox->auth_url);
  type_into (dialog, "client_id_row", f->sandbox->platform_client_id);
  type_into (dialog, "login_url_row", f->sandbox->salesforce_login_url);
  type_into (dialog, "salesforce_client_id_row", f->sandbox->salesforce_client_id);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (connection_child (dialog, "callback_port_spin")), f->port);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
  port = g_strdup_printf ("http://localhost:%u/callback", f->port);
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (connection_child (dialog, "callback_port_row"))), port);

  /* Saved through the session: the window follows at once. */
  g_signal_emit_by_name (save, "clicked");
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  g_assert_true (toast_shows (window, "Saved the connection of “Bare”"));
  g_assert_cmpstr (pb_profile_get_platform_url (pb_window_get_profile (window)), ==, f->sandbox->platform_url);
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "sandbox_label")));
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-connection-saved");

  /* The store has the settings; the keyring, and only it, the secret. */
  pb_test_window_wait_idle (window);
  stored = pb_store_lookup_profile (pb_window_get_store (window), "Bare", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_auth_url (stored), ==, f->sandbox->auth_url);
  g_assert_cmpstr (pb_profile_get_client_id (stored), ==, f->sandbox->platform_client_id);
  g_assert_cmpuint (pb_profile_get_callback_port (stored), ==, f->port);
  g_assert_true (keyring_has_platform_secret (stored));
  {
    g_autofree char *wal = g_strconcat (f->window.store_path, "-wal", NULL);

    /* The settings saved with it are there, as text: the search works. */
    g_assert_true (file_holds (f->window.store_path, f->sandbox->auth_url) || file_holds (wal, f->sandbox->auth_url));
    g_assert_false (file_holds (f->window.store_path, TYPED_SECRET));
    g_assert_false (file_holds (wal, TYPED_SECRET));
  }

  /* The secret from the keyring is what a fetch uses now. */
  run_action (window, "win.fetch");
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);

  /* Opened again, the dialog says a secret is kept. */
  activate (window, "win.connection");
  dialog = PB_CONNECTION_DIALOG (pb_window_get_dialog (window));
  {
    GtkLabel *secret = GTK_LABEL (connection_child (dialog, "secret_label"));

    PB_TEST_WAIT_UNTIL (secret, "notify::label", strstr (gtk_label_get_text (secret), "Looking") == NULL);
    assert_contains (gtk_label_get_text (secret), "kept in the keyring");
  }
  gtk_window_close (GTK_WINDOW (dialog));
}

/* 3. Fetch never discards unpublished edits; a cancelled fetch changes
 * nothing */

static void
choose (PbChoiceButton *chooser,
        const char     *label)
{
  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, label));
}

static void
test_fetch_keeps_edits_and_cancels (Fixture       *f,
                                    gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  g_autoptr(PbProfileState) before = NULL;
  g_autoptr(PbProfileState) after = NULL;
  g_autoptr(PbRevision) newest = NULL;
  g_autoptr(PbTestResponse) response = NULL;
  GtkWidget *cancel;


  /* An edit not published (nor saved as a revision). */
  choose (pb_test_status_chooser (window, "Taking_notes"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  g_assert_true (pb_window_get_has_unsaved_changes (window));

  /* Meanwhile the org renames a status and the account drops Break,
   * which the platform's configuration still names. */
  response = pb_test_sandbox_admin (f->sandbox, "PUT", "/org",
    "{\"presenceStatuses\":["
    "{\"apiName\":\"Ready_for_Cases\",\"label\":\"Ready for cases\",\"channels\":[\"sfdc_case\"]},"
    "{\"apiName\":\"Ready_for_Chats\",\"label\":\"Ready for chats\",\"channels\":[\"sfdc_livechat\"]},"
    "{\"apiName\":\"On_a_call\",\"label\":\"On the phone\",\"channels\":[]},"
    "{\"apiName\":\"Away_from_desk_temporary\",\"label\":\"Away from desk (temporary)\",\"channels\":[]},"
    "{\"apiName\":\"Taking_notes\",\"label\":\"Taking notes\",\"channels\":[]}],"
    "\"agentStates\":["
    "{\"id\":\"ready\",\"name\":\"Ready\",\"major\":null},"
    "{\"id\":\"ready_offline\",\"name\":\"Ready (Offline)\",\"major\":null},"
    "{\"id\":\"busy\",\"name\":\"Busy\",\"major\":null},"
    "{\"id\":\"wrap\",\"name\":\"Wrap up\",\"major\":null},"
    "{\"id\":\"away\",\"name\":\"Away\",\"major\":null},"
    "{\"id\":\"logged_out\",\"name\":\"Logged out\",\"major\":null}]}");
  g_assert_cmpuint (response->status, ==, 200);

  run_action (window, "win.fetch");
  g_assert_true (toast_shows (window, "your edits are kept"));
  /* The edit is there, in the window and in the store's draft. */
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
  before = load_state (window);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (before), "Taking_notes"), ==,
                   "wrap");
  g_assert_false (pb_profile_state_get_conflict (before));
  /* The rename shows, and the mapping of what is gone is marked stale. */
  pb_window_refresh_now (window);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (find_label (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "On_a_call"), "On the phone"));
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_UNKNOWN_STATE, "Away_from_desk_temporary"), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (pb_test_status_chooser (window, "Away_from_desk_temporary")),
                                "away.break (missing)"));
  newest = newest_revision (window);

  /* A platform that asks to wait: the window says so, and the spinner in
   * Fetch's place cancels the wait. */
  pb_test_add_fault (f->sandbox, "agent-states", "unavailable", 30, 1);
  activate (window, "win.fetch");
  cancel = pb_test_window_child (window, "cancel_remote_button");
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_false (gtk_widget_get_visible (pb_test_window_child (window, "fetch_button")));
  g_assert_false (pb_test_action_enabled (window, "win.publish"));
  g_assert_false (pb_test_action_enabled (window, "win.fetch"));
  PB_TEST_WAIT_UNTIL (pb_window_get_sync (window), "notify::waiting-message",
                      pb_profile_sync_get_waiting_message (pb_window_get_sync (window)) != NULL);
  assert_contains (pb_ui_get_tooltip (cancel), "Fetching");
  assert_contains (pb_ui_get_tooltip (cancel), "30 s");
  g_assert_true (toast_shows (window, "30 s"));
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-fetching");
  g_signal_emit_by_name (cancel, "clicked");
  pb_test_window_wait_idle (window);

  g_assert_true (toast_shows (window, "Fetch cancelled: nothing was changed"));
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_get_visible (pb_test_window_child (window, "fetch_button")));
  after = load_state (window);
  g_assert_cmpuint (pb_profile_state_get_generation (after), ==, pb_profile_state_get_generation (before));
  {
    g_autoptr(PbRevision) still = newest_revision (window);

    g_assert_cmpuint (pb_revision_get_number (still), ==, pb_revision_get_number (newest));
  }
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
}


/* 4. A conflict with the platform, resolved row by row in the window */

static PbConflictDialog *
conflict_dialog (PbWindow *window)
{
  GtkWindow *dialog = pb_window_get_dialog (window);

  g_assert_true (PB_IS_CONFLICT_DIALOG (dialog));
  return PB_CONFLICT_DIALOG (dialog);
}

static GtkWidget *
conflict_child (PbConflictDialog *dialog,
                const char       *name)
{
  return template_child (dialog, PB_TYPE_CONFLICT_DIALOG, name);
}

/* The dialog's row for @path ("presenceToState.On_a_call"). */
static PbConflictChoiceRow *
conflict_row (PbConflictDialog *dialog,
              const char       *path)
{
  GtkWidget *list = conflict_child (dialog, "list_box");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (PB_IS_CONFLICT_CHOICE_ROW (child) &&
        g_strcmp0 (pb_conflict_row_get_path (pb_conflict_choice_row_get_row (PB_CONFLICT_CHOICE_ROW (child))), path) == 0)
      return PB_CONFLICT_CHOICE_ROW (child);

  g_error ("No conflict row for %s", path);
  return NULL;
}

/* A row's two choices: mine, then the platform's. */
static GtkToggleButton *
choice_button (PbConflictChoiceRow *row,
               PbConflictSide       side)
{
  GtkWidget *mine = pb_test_find_widget (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON);

  g_assert_nonnull (mine);
  return GTK_TOGGLE_BUTTON (side == PB_CONFLICT_SIDE_LOCAL ? mine : gtk_widget_get_next_sibling (mine));
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
object_string (JsonObject *object,
               const char *member,
               const char *key)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), key);
}

/* The publish revision's record of what the platform stored. */
static gint64
revision_remote_revision (Fixture *f,
                          guint    number)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 remote_revision;

  g_assert_cmpint (sqlite3_open_v2 (f->window.store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT remote_revision FROM revisions WHERE number = ?1 "
                                       "AND source = 'publish'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, number);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  remote_revision = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return remote_revision;
}

/* Publish, confirmed in its dialog with @comment. */
static void
publish_confirmed (PbWindow   *window,
                   const char *comment,
                   const char *says)
{
  AdwMessageDialog *dialog;

  activate (window, "win.publish");
  dialog = message_dialog (window, "Publish “Sandbox”?");
  if (says != NULL)
    assert_contains (adw_message_dialog_get_body (dialog), says);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "accept");
  if (comment != NULL)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), comment);
  pb_test_click_response (GTK_WINDOW (dialog), "_Publish");
  pb_test_window_wait_idle (window);
}

static void
test_conflict_resolved_in_window (Fixture       *f,
                                  gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  PbBanner *conflict = banner (window, "conflict_banner");
  PbConflictDialog *dialog;
  PbConflictChoiceRow *on_a_call, *wrap, *ready_offline;
  PbConfiguration *draft;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonArray) puts = NULL;
  g_autoptr(PbRevision) published = NULL;
  g_autofree char *base_etag = NULL;
  GtkLabel *summary;

  g_assert_false (pb_banner_get_revealed (conflict));

  /* Edits here… */
  choose (pb_test_status_chooser (window, "On_a_call"), "Wrap up");
  choose (pb_test_state_chooser (window, "wrap"), "Ready for chats");
  pb_test_window_wait_refreshed (window);

  /* …and on the platform, by someone else, to the same two rows and one
   * more. */
  save_elsewhere (f, PB_TEST_ELSEWHERE_CONFIGURATION);

  run_action (window, "win.fetch");
  g_assert_true (toast_shows (window, "the platform’s configuration changed too"));
  g_assert_true (pb_banner_get_revealed (conflict));
  assert_contains (pb_banner_get_title (conflict), "Nothing can be published");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Sandbox (In conflict with the platform) – Presence Bridge");
  g_assert_true (pb_test_action_enabled (window, "win.resolve-conflict"));
  assert_contains (pb_ui_get_tooltip (pb_test_window_child (window, "publish_button")), "resolve the conflict");
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_true (pb_profile_state_get_conflict (state));
    g_assert_cmpint (pb_remote_configuration_get_revision (pb_profile_state_get_remote (state)), ==, 2);
    g_assert_cmpint (pb_remote_configuration_get_revision (pb_profile_state_get_base (state)), ==, 1);
    base_etag = g_strdup (pb_remote_configuration_get_etag (pb_profile_state_get_remote (state)));
  }
  /* Nothing was overwritten: the edits are in the draft. */
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "On_a_call"), ==, "wrap");
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-conflict-banner");

  /* Publish is refused: it opens the conflict, side by side. */
  activate (window, "win.publish");
  dialog = conflict_dialog (window);
  g_object_ref (dialog);
  summary = GTK_LABEL (conflict_child (dialog, "summary_label"));
  assert_contains (gtk_label_get_text (summary), "from revision 1 to 2");
  assert_contains (gtk_label_get_text (summary), "3 rows differ");
  assert_contains (gtk_label_get_text (summary), "2 of them were changed on both sides");
  on_a_call = conflict_row (dialog, "presenceToState.On_a_call");
  wrap = conflict_row (dialog, "stateToPresence.wrap");
  ready_offline = conflict_row (dialog, "stateToPresence.ready_offline");
  /* Changed on both sides: mine unless I choose; on the platform's side
   * only: the platform's. */
  g_assert_true (gtk_toggle_button_get_active (choice_button (on_a_call, PB_CONFLICT_SIDE_LOCAL)));
  g_assert_true (gtk_toggle_button_get_active (choice_button (wrap, PB_CONFLICT_SIDE_LOCAL)));
  g_assert_true (gtk_toggle_button_get_active (choice_button (ready_offline, PB_CONFLICT_SIDE_REMOTE)));
  g_assert_nonnull (find_label (GTK_WIDGET (on_a_call), "the agent state it sets · was: Away"));
  g_assert_nonnull (find_label (GTK_WIDGET (wrap), "the presence status it shows · was: Taking notes"));
  /* The keyboard starts on the first row's choice. */
  pb_test_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == GTK_WIDGET (choice_button (on_a_call, PB_CONFLICT_SIDE_LOCAL)));
  g_assert_nonnull (find_label (GTK_WIDGET (choice_button (on_a_call, PB_CONFLICT_SIDE_LOCAL)), "Wrap up"));
  g_assert_nonnull (find_label (GTK_WIDGET (choice_button (on_a_call, PB_CONFLICT_SIDE_REMOTE)), "Busy"));

  /* One row mine, one the platform's. */
  click (choice_button (wrap, PB_CONFLICT_SIDE_REMOTE));
  g_assert_true (gtk_toggle_button_get_active (choice_button (wrap, PB_CONFLICT_SIDE_REMOTE)));
  g_assert_cmpint (pb_conflict_row_get_choice (pb_conflict_choice_row_get_row (wrap)), ==, PB_CONFLICT_SIDE_REMOTE);
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-conflict-dialog");

  /* Ctrl+Enter applies, wherever the focus is. */
  g_assert_true (pb_test_activate_binding (GTK_WIDGET (dialog), GDK_KEY_Return, GDK_CONTROL_MASK));
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  pb_test_window_wait_idle (window);

  /* The draft is the merge, based on the platform's revision 2. */
  draft = pb_window_get_draft (window);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (draft, "On_a_call"), ==, "wrap");
  {
    const char *presence = NULL;

    g_assert_true (pb_configuration_get_state_mapping (draft, "wrap", &presence));
    g_assert_cmpstr (presence, ==, "Away_from_desk_temporary");
    g_assert_true (pb_configuration_get_state_mapping (draft, "ready_offline", &presence));
    g_assert_cmpstr (presence, ==, "On_a_call");
  }
  g_assert_false (pb_banner_get_revealed (conflict));
  g_assert_true (toast_shows (window, "Conflict resolved"));
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_false (pb_profile_state_get_conflict (state));
    g_assert_cmpint (pb_remote_configuration_get_revision (pb_profile_state_get_base (state)), ==, 2);
    g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "On_a_call"), ==,
                     "wrap");
  }

  /* Publish: one change against revision 2, with a comment. */
  publish_confirmed (window, "Merged by hand", "1 change replaces the platform’s configuration (revision 2)");
  g_assert_true (toast_shows (window, "Published: the platform is at revision 3"));

  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 3);
  g_assert_cmpstr (object_string (remote, "presenceToState", "On_a_call"), ==, "wrap");
  g_assert_cmpstr (object_string (remote, "stateToPresence", "wrap"), ==, "Away_from_desk_temporary");
  g_assert_cmpstr (object_string (remote, "stateToPresence", "ready_offline"), ==, "On_a_call");

  /* Sent against the ETag of revision 2, once. */
  puts = logged_requests (f, "configuration-put");
  g_assert_cmpuint (json_array_get_length (puts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (puts, 0), "ifMatch"), ==, base_etag);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (puts, 0), "status"), ==, 200);

  /* The history has the publish, with the platform's revision. */
  published = newest_revision (window);
  g_assert_cmpstr (pb_revision_get_source (published), ==, PB_REVISION_SOURCE_PUBLISH);
  g_assert_cmpstr (pb_revision_get_comment (published), ==, "Merged by hand");
  g_assert_cmpint (revision_remote_revision (f, pb_revision_get_number (published)), ==, 3);
  pb_window_refresh_now (window);
  g_assert_false (pb_window_get_has_unsaved_changes (window));
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, pb_revision_get_number (published));
}

/* 5. Someone publishes between the fetch and the publish: a 412, nothing
 * published, the conflict opened */

static void
test_publish_412_opens_conflict (Fixture       *f,
                                 gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonArray) puts = NULL;
  g_autoptr(PbRevision) newest = NULL;

  choose (pb_test_status_chooser (window, "On_a_call"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  save_elsewhere (f, PB_TEST_ELSEWHERE_CONFIGURATION);

  publish_confirmed (window, "Too late", NULL);

  /* Nothing published: the platform has the other administrator's. */
  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 2);
  g_assert_cmpstr (object_string (remote, "presenceToState", "On_a_call"), ==, "busy");
  puts = logged_requests (f, "configuration-put");
  g_assert_cmpuint (json_array_get_length (puts), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (puts, 0), "status"), ==, 412);

  /* The window fetched what is there now and shows the three sides. */
  g_assert_true (toast_shows (window, "Nothing was published"));
  g_assert_nonnull (conflict_row (conflict_dialog (window), "presenceToState.On_a_call"));
  g_assert_true (pb_banner_get_revealed (banner (window, "conflict_banner")));
  newest = newest_revision (window);
  g_assert_cmpstr (pb_revision_get_source (newest), !=, PB_REVISION_SOURCE_PUBLISH);
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_true (pb_profile_state_get_conflict (state));
    g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "On_a_call"), ==,
                     "wrap");
  }
  gtk_window_close (pb_window_get_dialog (window));
}

/* The draft changes while the Publish question is open (an edit another
 * window made, reloaded here): what the question counted is not what
 * would go, so nothing goes and the window says why. */
static void
test_publish_changed_while_asked (Fixture       *f,
                                  gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonArray) puts = NULL;
  AdwMessageDialog *dialog;

  choose (pb_test_status_chooser (window, "On_a_call"), "Wrap up");
  pb_test_window_wait_refreshed (window);

  activate (window, "win.publish");
  dialog = message_dialog (window, "Publish “Sandbox”?");
  assert_contains (adw_message_dialog_get_body (dialog), "1 change replaces");
  choose (pb_test_status_chooser (window, "Taking_notes"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  pb_test_click_response (GTK_WINDOW (dialog), "_Publish");
  pb_test_window_wait_idle (window);

  dialog = message_dialog (window, "Nothing Was Published");
  assert_contains (adw_message_dialog_get_body (dialog), "publish again");
  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 1);
  puts = logged_requests (f, "configuration-put");
  g_assert_cmpuint (json_array_get_length (puts), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));

  /* Asked again, it counts both edits and publishes them. */
  publish_confirmed (window, NULL, "2 changes replace the platform’s configuration (revision 1)");
  g_clear_pointer (&remote, json_object_unref);
  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 2);
}

/* Someone saved the same configuration in between: a 412 still, but
 * nothing to choose; publishing again goes through. */
static void
test_publish_412_same_content (Fixture       *f,
                               gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  g_autoptr(JsonObject) remote = NULL;
  GtkWidget *again;

  choose (pb_test_status_chooser (window, "On_a_call"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  pb_test_add_fault (f->sandbox, "configuration-put", "conflict", -1, 1);

  publish_confirmed (window, NULL, NULL);
  g_assert_false (pb_banner_get_revealed (banner (window, "conflict_banner")));
  g_assert_true (toast_shows (window, "Publish again"));
  g_assert_false (PB_IS_CONFLICT_DIALOG (pb_window_get_dialog (window)));

  /* The toast's button publishes against the new ETag. */
  again = pb_test_find_button (pb_test_window_child (window, "toast_overlay"), "_Publish Again");
  g_assert_nonnull (again);
  click (again);
  {
    AdwMessageDialog *dialog = message_dialog (window, "Publish “Sandbox”?");

    assert_contains (adw_message_dialog_get_body (dialog), "(revision 2)");
    pb_test_click_response (GTK_WINDOW (dialog), "_Publish");
    pb_test_window_wait_idle (window);
  }
  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 3);
  g_assert_cmpstr (object_string (remote, "presenceToState", "On_a_call"), ==, "wrap");
}

/* 6. The platform refuses (422): its findings on the rows they name */

static void
test_publish_422_findings (Fixture       *f,
                           gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  PbProblemsPanel *panel = PB_PROBLEMS_PANEL (pb_test_window_child (window, "problems_panel"));
  GListModel *rows = pb_problems_panel_get_rows (panel);
  GtkWidget *list = pb_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW);
  AdwMessageDialog *dialog;
  g_autoptr(JsonObject) remote = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  choose (pb_test_state_chooser (window, "ready"), "Ready for chats");
  pb_test_window_wait_refreshed (window);
  pb_test_add_fault (f->sandbox, "configuration-put", "refuse", -1, 1);

  publish_confirmed (window, NULL, NULL);
  dialog = message_dialog (window, "The Platform Refused the Configuration");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "show-problems");

  /* Nothing was published, nothing recorded. */
  remote = sandbox_configuration (f);
  g_assert_cmpint (json_object_get_int_member (remote, "revision"), ==, 1);
  {
    g_autoptr(PbRevision) newest = newest_revision (window);

    g_assert_cmpstr (pb_revision_get_source (newest), !=, PB_REVISION_SOURCE_PUBLISH);
  }

  /* Show the Problems: the platform's finding is there, its group open. */
  pb_test_click_response (GTK_WINDOW (dialog), "_Show the Problems");
  pb_test_wait_for_draw (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (rows) && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (PB_IS_FINDING (item) && g_strcmp0 (pb_finding_get_code (PB_FINDING (item)), "mapping_refused") == 0)
        {
          position = i;
          g_assert_cmpint (pb_finding_get_subject (PB_FINDING (item)), ==, PB_SUBJECT_STATE);
          g_assert_cmpstr (pb_finding_get_subject_id (PB_FINDING (item)), ==, "ready");
        }
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_nonnull (find_label (GTK_WIDGET (panel), "Refused by the platform: mapping_refused"));
  g_assert_nonnull (find_label (GTK_WIDGET (panel), "The platform refused this mapping"));
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-refused-findings");

  /* Activating it goes to the row it names. */
  g_signal_emit_by_name (list, "activate", position);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window),
                                         pb_window_lookup_row (window, PB_SUBJECT_STATE, "ready")));
}

/* 7. Refusals from the real world, each explained with what to change */

static AdwMessageDialog *
failed_fetch (PbWindow *window)
{
  run_action (window, "win.fetch");
  return message_dialog (window, "The Fetch Failed");
}

static void
test_refused_feature_off (Fixture       *f,
                          gconstpointer  data)
{
  PbWindow *window = open_sandbox_profile (f);
  g_autoptr(PbTestResponse) response = NULL;
  AdwMessageDialog *dialog;

  response = pb_test_sandbox_admin (f->sandbox, "PUT", "/account", "{\"features\":{\"omnichannel\":false}}");
  g_assert_cmpuint (response->status, ==, 200);

  dialog = failed_fetch (window);
  assert_contains (adw_message_dialog_get_body (dialog), "cannot use the Omni-Channel integration");
  assert_contains (adw_message_dialog_get_body (dialog), "Ask the platform");
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-feature-off");
  /* Nothing was recorded. */
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_null (pb_profile_state_get_remote (state));
  }
  g_assert_cmpstr (pb_test_window_page (window), ==, "empty");
}

static void
test_refused_developer_name (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *callback = g_strdup_printf ("http://localhost:%u/callback", f->port);
  g_autoptr(JsonNode) tokens = pb_test_sandbox_salesforce_sign_in (f->sandbox, callback);
  JsonObject *answer = json_node_get_object (tokens);
  PbWindow *window;
  AdwMessageDialog *dialog;

  /* Salesforce's statuses, with a user who may not read DeveloperName. */
  g_setenv (PB_ENV_SALESFORCE_INSTANCE_URL, json_object_get_string_member (answer, "instance_url"), TRUE);
  g_setenv (PB_ENV_SALESFORCE_ACCESS_TOKEN, json_object_get_string_member (answer, "access_token"), TRUE);
  pb_test_add_fault (f->sandbox, "query", "no-developername", -1, -1);
  window = open_sandbox_profile (f);

  dialog = failed_fetch (window);
  assert_contains (adw_message_dialog_get_body (dialog), "View Setup and Configuration");
  assert_contains (adw_message_dialog_get_body (dialog), "View DeveloperName");
  assert_contains (adw_message_dialog_get_body (dialog), "permission set");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), >, 0);
}

static void
test_refused_platform_down (Fixture       *f,
                            gconstpointer  data)
{
  PbWindow *window = open_sandbox_profile (f);
  AdwMessageDialog *dialog;

  pb_test_add_fault (f->sandbox, "account", "status", 500, -1);
  dialog = failed_fetch (window);
  assert_contains (adw_message_dialog_get_body (dialog), "HTTP 500");
  assert_contains (adw_message_dialog_get_body (dialog), "Nothing was changed");
  assert_contains (adw_message_dialog_get_body (dialog), "try again");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "fetch");
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-platform-down");

  /* Trying again once it is back works. */
  {
    g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (f->sandbox, "DELETE", "/faults", NULL);

    g_assert_cmpuint (response->status, ==, 204);
  }
  pb_test_click_response (GTK_WINDOW (dialog), "_Try Again");
  pb_test_window_wait_idle (window);
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
}

static void
test_refused_unreachable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (f->window.store_path, &error);
  g_autoptr(PbProfile) profile = pb_test_sandbox_profile (f->sandbox, "Sandbox", f->port);
  g_autoptr(PbProfile) added = NULL;
  g_autofree char *nowhere = g_strdup_printf ("http://127.0.0.1:%u/platform", pb_test_free_port ());
  PbWindow *window;
  AdwMessageDialog *dialog;

  /* A platform that does not answer at all: nothing listens there. */
  pb_profile_set_platform_url (profile, nowhere);
  pb_profile_set_auth_url (profile, nowhere);
  added = pb_store_add_profile (store, profile, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  window = pb_test_window_open (&f->window);

  dialog = failed_fetch (window);
  assert_contains (adw_message_dialog_get_body (dialog), "127.0.0.1");
  assert_contains (adw_message_dialog_get_body (dialog), "URLs in its connection");
  assert_contains (adw_message_dialog_get_body (dialog), "try again");
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (dialog), "_Connection…"));
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-unreachable");
}


/* 9. Edits kept aside when another program writes the profile */

/* presence-bridge-cli import, as another program writing the store:
 * the worked example with Wrap up showing @wrap_shows. */
static void
import_elsewhere (Fixture    *f,
                  const char *wrap_shows)
{
  g_autofree char *replacement = g_strdup_printf ("\"wrap\": \"%s\"", wrap_shows);
  g_autofree char *example_path = pb_test_data_path ("worked-example.config.json");
  g_autofree char *example = NULL;
  g_autofree char *path = g_build_filename (f->window.dir, "elsewhere.config.json", NULL);
  g_autoptr(GString) variant = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (example_path, &example, NULL, &error));
  variant = g_string_new (example);
  g_assert_cmpuint (g_string_replace (variant, "\"wrap\": \"Taking_notes\"", replacement, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, variant->str, -1, &error));

  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("PB_CLI"),
                          "--store", f->window.store_path, "import", "--profile", "Sandbox", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
  g_assert_no_error (error);
}

static void
test_edits_kept_aside (Fixture       *f,
                       gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  PbBanner *elsewhere = banner (window, "elsewhere_banner");
  const char *presence = NULL;


  /* An edit here, and meanwhile an import there. */
  choose (pb_test_status_chooser (window, "Taking_notes"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  pb_test_window_wait_idle (window);
  import_elsewhere (f, "On_a_call");
  PB_TEST_WAIT_UNTIL (elsewhere, "notify::revealed", pb_banner_get_revealed (elsewhere));

  assert_contains (pb_banner_get_title (elsewhere), "“Sandbox” was changed elsewhere");
  assert_contains (pb_banner_get_title (elsewhere), "kept aside");
  g_assert_false (pb_banner_get_revealed (banner (window, "conflict_banner")));
  /* Nothing goes out while it is unsettled. */
  g_assert_false (pb_test_action_enabled (window, "win.fetch"));
  g_assert_false (pb_test_action_enabled (window, "win.publish"));
  g_assert_true (pb_test_action_enabled (window, "win.keep-mine"));
  g_assert_true (pb_test_action_enabled (window, "win.take-theirs"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sandbox (Changed elsewhere) – Presence Bridge");
  pb_test_save_screenshot (GTK_WIDGET (window), "remote-kept-aside");

  /* Keep Mine: the edit is the draft, in the store too. */
  click (pb_banner_get_button (elsewhere, 0));
  pb_test_window_wait_idle (window);
  g_assert_false (pb_banner_get_revealed (elsewhere));
  g_assert_true (pb_test_action_enabled (window, "win.fetch"));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "Taking_notes"), ==,
                     "wrap");
    g_assert_true (pb_configuration_get_state_mapping (pb_profile_state_get_draft (state), "wrap", &presence));
    g_assert_cmpstr (presence, ==, "Taking_notes");
  }

  /* Again, and Take Theirs: the import is the draft. */
  choose (pb_test_status_chooser (window, "Ready_for_Chats"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  pb_test_window_wait_idle (window);
  import_elsewhere (f, "Ready_for_Cases");
  PB_TEST_WAIT_UNTIL (elsewhere, "notify::revealed", pb_banner_get_revealed (elsewhere));
  g_assert_false (pb_test_action_enabled (window, "win.fetch"));
  click (pb_banner_get_button (elsewhere, 1));
  pb_test_window_wait_idle (window);
  g_assert_false (pb_banner_get_revealed (elsewhere));
  g_assert_true (pb_configuration_get_state_mapping (pb_window_get_draft (window), "wrap", &presence));
  g_assert_cmpstr (presence, ==, "Ready_for_Cases");
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Ready_for_Chats"));
  {
    g_autoptr(PbProfileState) state = load_state (window);

    g_assert_true (pb_configuration_get_state_mapping (pb_profile_state_get_draft (state), "wrap", &presence));
    g_assert_cmpstr (presence, ==, "Ready_for_Cases");
    g_assert_null (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "Ready_for_Chats"));
  }
  /* Undo brings the edit back, as Take Theirs promises. */
  activate (window, "win.undo");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Ready_for_Chats"), ==,
                   "wrap");
}

/* 10. Closing with "Keep as Draft" while another process holds the store */

typedef struct
{
  Fixture *f;
  sqlite3 *db;
  gboolean released;
} Lock;

static gboolean
release_lock_cb (gpointer user_data)
{
  Lock *lock = user_data;

  /* Until now the draft could not be written: the window is still here,
   * and says why. */
  g_assert_nonnull (lock->f->window.window);
  g_assert_true (toast_shows (lock->f->window.window, "closes once the draft is saved"));
  g_assert_cmpint (sqlite3_exec (lock->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  lock->released = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_close_waits_for_draft (Fixture       *f,
                            gconstpointer  data)
{
  PbWindow *window = open_fetched_profile (f);
  Lock lock = { f, NULL, FALSE };
  AdwMessageDialog *dialog;


  /* Another process takes the store's write lock… */
  g_assert_cmpint (sqlite3_open (f->window.store_path, &lock.db), ==, SQLITE_OK);
  sqlite3_busy_timeout (lock.db, 5000);
  g_assert_cmpint (sqlite3_exec (lock.db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* …while an edit waits to be written, and the window is closed. */
  choose (pb_test_status_chooser (window, "Taking_notes"), "Wrap up");
  gtk_window_close (GTK_WINDOW (window));
  dialog = message_dialog (window, "Save a Revision Before Closing?");
  pb_test_click_response (GTK_WINDOW (dialog), "_Keep as Draft");

  /* It closes only once the edit is in the store. */
  g_timeout_add (1000, release_lock_cb, &lock);
  pb_test_wait_for_finalize (window);
  g_assert_true (lock.released);
  sqlite3_close (lock.db);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = pb_store_open (f->window.store_path, &error);
    g_autoptr(PbProfile) profile = pb_store_lookup_profile (store, "Sandbox", &error);
    g_autoptr(PbConfiguration) draft = pb_store_load_draft (store, profile, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pb_configuration_get_presence_mapping (draft, "Taking_notes"), ==, "wrap");
  }
}


/* 8. Signing in to Salesforce through the browser */

/* This program, which plays the browser with --play-browser URL. */
static char *this_program;

/* The browser's part, in a process of its own started by the desktop as
 * the default web browser: Salesforce's approval page (Allow), then the
 * redirect to the window's loopback callback; what the callback showed is
 * written to $PB_TEST_BROWSER_PAGE, last, so the test knows it is done. */
static int
play_browser (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(PbTestResponse) callback = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  g_autofree char *shown = NULL;
  PbTestSandbox sandbox = { 0 };

  g_assert_nonnull (uri);
  sandbox.salesforce_login_url = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                                                  g_uri_get_port (uri));
  sandbox.session = pb_test_sandbox_new_session (30);

  location = pb_test_sandbox_approve (&sandbox, url, TRUE);
  g_assert_nonnull (location);
  callback = pb_test_sandbox_request (&sandbox, "GET", location, NULL, NULL, NULL, 0);
  page = pb_test_response_text (callback);
  shown = g_strdup_printf ("%u\n%s", callback->status, page);
  g_assert_true (g_file_set_contents (g_getenv ("PB_TEST_BROWSER_PAGE"), shown, -1, &error));

  g_clear_object (&sandbox.session);
  g_free (sandbox.salesforce_login_url);
  return 0;
}

/* This program becomes the desktop's web browser, in the test's own XDG
 * folders: what gtk_show_uri() opens a Salesforce page with. */
static char *
install_browser (Fixture *f)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_path = g_build_filename (applications, "pb-test-browser.desktop", NULL);
  g_autofree char *mimeapps_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *program = g_shell_quote (this_program);
  g_autofree char *desktop = NULL;
  g_autoptr(GError) error = NULL;
  char *page = g_build_filename (f->window.dir, "browser-page.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Test Browser\n"
                             "Exec=%s --play-browser %%u\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                             "NoDisplay=true\n",
                             program);
  g_assert_true (g_file_set_contents (desktop_path, desktop, -1, &error));
  g_assert_true (g_file_set_contents (mimeapps_path,
                                      "[Default Applications]\n"
                                      "x-scheme-handler/http=pb-test-browser.desktop\n"
                                      "x-scheme-handler/https=pb-test-browser.desktop\n",
                                      -1, &error));
  g_setenv ("PB_TEST_BROWSER_PAGE", page, TRUE);
  return page;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Until the browser wrote what it was shown (its last act). */
static char *
wait_for_browser (const char *page)
{
  g_autoptr(GFile) file = g_file_new_for_path (page);
  g_autoptr(GFileMonitor) monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  char *contents = NULL;

  pb_test_wait_until (file_exists, (gpointer)page, "the browser's page");
  g_assert_true (g_file_get_contents (page, &contents, NULL, NULL));
  return contents;
}

static gboolean
keyring_signed_in (PbWindow *window)
{
  return pb_test_remote_is_signed_in (pb_profile_sync_get_remote (pb_window_get_sync (window)));
}

/* Signs in from @action ("win.sign-in", or a dialog's response), with the
 * installed browser. */
static void
sign_in_with_browser (PbWindow   *window,
                      const char *page)
{
  g_autofree char *shown = NULL;

  g_remove (page);
  activate (window, "win.sign-in");
  pb_test_wait_for_signal (pb_window_get_sync (window), "authorize");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (pb_window_get_dialog (window))), ==,
                   "Finish Signing In in Your Browser");
  pb_test_window_wait_idle (window);
  shown = wait_for_browser (page);
  g_assert_true (g_str_has_prefix (shown, "200\n"));
  assert_contains (shown, "Signed In to Salesforce");
  g_assert_true (toast_shows (window, "Signed in to Salesforce"));
}

static void
test_sign_in_through_browser (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *page = install_browser (f);
  PbWindow *window = open_sandbox_profile (f);
  AdwMessageDialog *dialog;

  /* Not signed in: the menu offers Sign In, not Sign Out. */
  g_assert_true (pb_test_action_enabled (window, "win.sign-in"));
  g_assert_false (pb_test_action_enabled (window, "win.sign-out"));

  sign_in_with_browser (window, page);
  g_assert_true (keyring_signed_in (window));
  g_assert_false (pb_test_action_enabled (window, "win.sign-in"));
  g_assert_true (pb_test_action_enabled (window, "win.sign-out"));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", "POST"), ==, 1);

  /* The statuses come from Salesforce now, not the platform's refresh. */
  pb_test_clear_requests (f->sandbox);
  run_action (window, "win.fetch");
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), >=, 3);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", NULL), ==, 0);

  /* Salesforce revokes the sign-in: the fetch says to sign in again, and
   * that is one click. */
  {
    g_autoptr(PbTestResponse) revoked = pb_test_sandbox_admin (f->sandbox, "POST", "/revoke-refresh-tokens", NULL);
    g_autoptr(PbTestResponse) expired = pb_test_sandbox_admin (f->sandbox, "POST", "/expire-tokens", NULL);

    g_assert_cmpuint (revoked->status, <, 300);
    g_assert_cmpuint (expired->status, <, 300);
  }
  dialog = failed_fetch (window);
  assert_contains (adw_message_dialog_get_body (dialog), "expired or was revoked");
  assert_contains (adw_message_dialog_get_body (dialog), "Sign in to Salesforce again");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "sign-in");
  g_assert_true (pb_test_action_enabled (window, "win.sign-in"));
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-sign-in-revoked");
  g_remove (page);
  pb_test_click_response (GTK_WINDOW (dialog), "_Sign In…");
  pb_test_window_wait_idle (window);
  g_free (wait_for_browser (page));
  g_assert_true (pb_test_action_enabled (window, "win.sign-out"));
  run_action (window, "win.fetch");
  g_assert_null (pb_window_get_dialog (window));

  /* Signing out removes it from the keyring. */
  run_action (window, "win.sign-out");
  g_assert_true (toast_shows (window, "removed from the keyring"));
  g_assert_false (keyring_signed_in (window));
  g_assert_true (pb_test_action_enabled (window, "win.sign-in"));
  g_assert_false (pb_test_action_enabled (window, "win.sign-out"));
}

/* No browser at all: the address to open, and the sign-in waits for it. */
static void
test_sign_in_without_browser (Fixture       *f,
                              gconstpointer  data)
{
  PbWindow *window = open_sandbox_profile (f);
  AdwMessageDialog *dialog;
  GtkLabel *address;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  guint status = 0;

  activate (window, "win.sign-in");
  pb_test_wait_for_signal (pb_window_get_sync (window), "authorize");
  dialog = message_dialog (window, "Finish Signing In in Your Browser");
  PB_TEST_WAIT_UNTIL (dialog, "notify::body",
                      strstr (adw_message_dialog_get_body (dialog), "No web browser") != NULL);
  assert_contains (adw_message_dialog_get_body (dialog), "Open this address");
  address = GTK_LABEL (adw_message_dialog_get_extra_child (dialog));
  g_assert_true (GTK_IS_LABEL (address));
  g_assert_true (gtk_label_get_selectable (address));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (address), f->sandbox->salesforce_login_url));
  pb_test_save_screenshot (GTK_WIDGET (dialog), "remote-sign-in-no-browser");

  /* The administrator opens it by hand. */
  location = pb_test_sandbox_approve (f->sandbox, gtk_label_get_text (address), TRUE);
  g_assert_nonnull (location);
  pb_test_browser_get_async (location, &status, &page);
  pb_test_window_wait_idle (window);
  PB_TEST_WAIT_UNTIL (window, "notify", status != 0);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (keyring_signed_in (window));
  g_assert_true (pb_test_action_enabled (window, "win.sign-out"));
}

/* A connected app without the profile's callback: said before any
 * browser opens, with where to change it. */
static void
test_sign_in_callback_mismatch (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (f->window.store_path, &error);
  g_autoptr(PbProfile) profile = pb_test_sandbox_profile (f->sandbox, "Sandbox", pb_test_free_port ());
  g_autoptr(PbProfile) added = pb_store_add_profile (store, profile, &error);
  PbWindow *window;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  g_clear_object (&store);
  window = pb_test_window_open (&f->window);

  run_action (window, "win.sign-in");
  dialog = message_dialog (window, "The Sign-In Did Not Finish");
  assert_contains (adw_message_dialog_get_body (dialog), "does not accept the callback");
  assert_contains (adw_message_dialog_get_body (dialog), "Callback URL in Salesforce Setup");
  assert_contains (adw_message_dialog_get_body (dialog), "callback port");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "connection");
  pb_test_click_response (GTK_WINDOW (dialog), "_Connection…");
  g_assert_true (PB_IS_CONNECTION_DIALOG (pb_window_get_dialog (window)));
  gtk_window_close (pb_window_get_dialog (window));
}


/* How it looks: a phone's width, and the dark style */

/* @widget drawn as it is, then in the dark style. */
static void
screenshots (GtkWidget  *widget,
             const char *name)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);

  pb_test_save_screenshot (widget, name);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  pb_test_save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* @widget fits 360 px: nothing in it asks for more. */
static void
assert_fits_phone (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* @dialog on a phone, as it looks, and that it fits. */
static void
phone_sized (GtkWindow  *dialog,
             const char *name)
{
  gtk_window_set_default_size (dialog, 360, 640);
  pb_test_wait_for_draw (GTK_WIDGET (dialog));
  screenshots (GTK_WIDGET (dialog), name);
  assert_fits_phone (GTK_WIDGET (dialog));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
}

static void
test_narrow_and_dark (Fixture       *f,
                      gconstpointer  data)
{
  GSettings *settings = pb_application_get_settings (pb_test_application);
  PbWindow *window;
  GtkWindow *dialog;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 720);
  window = open_fetched_profile (f);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_assert_true (pb_window_get_narrow (window));
  /* No room for the badge: the subtitle says Sandbox. */
  g_assert_false (gtk_widget_get_visible (pb_test_window_child (window, "sandbox_label")));
  g_assert_cmpstr (pb_profile_switcher_get_subtitle (PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher"))),
                   ==, "Sandbox · Saved as revision 1");

  /* A conflict: its banner across a phone's window. */
  choose (pb_test_status_chooser (window, "On_a_call"), "Wrap up");
  pb_test_window_wait_refreshed (window);
  save_elsewhere (f, PB_TEST_ELSEWHERE_CONFIGURATION);
  run_action (window, "win.fetch");
  g_assert_true (pb_banner_get_revealed (banner (window, "conflict_banner")));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  screenshots (GTK_WIDGET (window), "remote-narrow-conflict-banner");
  assert_fits_phone (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  activate (window, "win.resolve-conflict");
  dialog = pb_window_get_dialog (window);
  g_assert_true (PB_IS_CONFLICT_DIALOG (dialog));
  phone_sized (dialog, "remote-narrow-conflict-dialog");
  gtk_window_close (dialog);

  activate (window, "win.connection");
  dialog = pb_window_get_dialog (window);
  g_assert_true (PB_IS_CONNECTION_DIALOG (dialog));
  phone_sized (dialog, "remote-narrow-connection");
  gtk_window_close (dialog);

  /* The other banner, in a wide window's dark style too. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  import_elsewhere (f, "On_a_call");
  PB_TEST_WAIT_UNTIL (banner (window, "elsewhere_banner"), "notify::revealed",
                      pb_banner_get_revealed (banner (window, "elsewhere_banner")));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  screenshots (GTK_WIDGET (window), "remote-wide-kept-aside");
}

int
main (int    argc,
      char **argv)
{
  static const char * const typed_secret[] = { "--platform-client-secret", TYPED_SECRET, NULL };
  g_autofree char *keyring_dir = NULL;
  int status;

  /* Started by the desktop as its web browser (install_browser()). */
  if (argc == 3 && g_str_equal (argv[1], "--play-browser"))
    return play_browser (argv[2]);

  this_program = g_canonicalize_filename (argv[0], NULL);
  pb_test_window_init (&argc, &argv);

  /* libsecret keeps the backend it first opens: one file for the program,
   * each test's secrets under its own sandbox's URLs. */
  keyring_dir = pb_test_make_dir ("test-window-remote-keyring-XXXXXX");
  pb_test_use_file_keyring (keyring_dir);

#define ADD(path, func, args) \
  g_test_add (path, Fixture, args, fixture_set_up, func, fixture_tear_down)

  ADD ("/window-remote/fetch-empty-profile", test_fetch_empty_profile, NULL);
  ADD ("/window-remote/connection-dialog", test_connection_dialog, typed_secret);
  ADD ("/window-remote/fetch-keeps-edits-and-cancels", test_fetch_keeps_edits_and_cancels, NULL);
  ADD ("/window-remote/conflict-resolved-in-window", test_conflict_resolved_in_window, NULL);
  ADD ("/window-remote/publish-412-opens-conflict", test_publish_412_opens_conflict, NULL);
  ADD ("/window-remote/publish-changed-while-asked", test_publish_changed_while_asked, NULL);
  ADD ("/window-remote/publish-412-same-content", test_publish_412_same_content, NULL);
  ADD ("/window-remote/publish-422-findings", test_publish_422_findings, NULL);
  ADD ("/window-remote/refused/feature-off", test_refused_feature_off, NULL);
  ADD ("/window-remote/refused/developer-name", test_refused_developer_name, NULL);
  ADD ("/window-remote/refused/platform-down", test_refused_platform_down, NULL);
  ADD ("/window-remote/refused/unreachable", test_refused_unreachable, NULL);
  ADD ("/window-remote/sign-in/through-browser", test_sign_in_through_browser, NULL);
  ADD ("/window-remote/sign-in/without-browser", test_sign_in_without_browser, NULL);
  ADD ("/window-remote/sign-in/callback-mismatch", test_sign_in_callback_mismatch, NULL);
  ADD ("/window-remote/edits-kept-aside", test_edits_kept_aside, NULL);
  ADD ("/window-remote/close-waits-for-draft", test_close_waits_for_draft, NULL);
  ADD ("/window-remote/narrow-and-dark", test_narrow_and_dark, NULL);

  status = pb_test_window_run ();
  g_free (this_program);
  return status;
}
