/* test-window.c: the real window, driven through its actions and widgets
 *
 * Runs under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo). Each test opens the
 * application on a store of its own in a temporary directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "pb-application.h"
#include "pb-choice-popover.h"
#include "pb-history-dialog.h"
#include "pb-import-dialog.h"
#include "pb-problem-group.h"
#include "pb-state-row.h"
#include "pb-status-row.h"
#include "pb-test-fixtures.h"
#include "pb-test-ui.h"
#include "pb-window.h"

/* One application for the whole program, as in a real session; each test
 * activates it on a store of its own and closes its window at the end. */
static PbApplication *application;

typedef struct
{
  char          *dir;
  char          *store_path;
  PbWindow      *window;
} Fixture;

/* Waiting: the window recomputes in idles and writes the store in a worker
 * thread; spin the main loop until what the test expects has happened. */

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(condition) G_STMT_START {                                   \
    gint64 _deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;        \
    guint _tick = g_timeout_add (10, wake_up_cb, NULL);                      \
    while (!(condition))                                                     \
      {                                                                      \
        if (g_get_monotonic_time () > _deadline)                             \
          g_error ("Timed out waiting for %s", #condition);                   \
        g_main_context_iteration (NULL, TRUE);                               \
      }                                                                      \
    g_source_remove (_tick);                                                 \
  } G_STMT_END

static GtkWidget *template_child (PbWindow   *window,
                                  const char *name);

/* Page transitions and the panel's slide would be caught half-way. */
static void
wait_for_animations (PbWindow *window)
{
  GtkStack *stack = GTK_STACK (template_child (window, "main_stack"));
  AdwFlap *flap = ADW_FLAP (template_child (window, "flap"));

  WAIT_FOR (!gtk_stack_get_transition_running (stack) &&
            adw_flap_get_reveal_progress (flap) == (adw_flap_get_reveal_flap (flap) ? 1.0 : 0.0));
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  if (PB_IS_WINDOW (widget) && g_getenv ("PB_TEST_ARTEFACTS") != NULL)
    wait_for_animations (PB_WINDOW (widget));
  pb_test_save_screenshot (widget, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pb_test_make_dir ("test-window-XXXXXX");
  fixture->store_path = g_build_filename (fixture->dir, "store.db", NULL);
  g_setenv ("PRESENCE_BRIDGE_STORE", fixture->store_path, TRUE);
  g_unsetenv ("PB_GENERATE");
}

static PbWindow *
fixture_open (Fixture *fixture)
{
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));

  g_application_activate (G_APPLICATION (application));
  fixture->window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (PB_IS_WINDOW (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);

  pb_test_wait_for_draw (GTK_WIDGET (fixture->window));
  return fixture->window;
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      WAIT_FOR (!pb_window_get_busy (fixture->window));
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      WAIT_FOR (fixture->window == NULL);
    }

  /* The store goes with the last window. */
  g_assert_null (pb_application_get_store (application));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  fixture_close (fixture);
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
}

static const char *
visible_page (PbWindow *window)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, "main_stack"));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
template_child (PbWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* Opens the window on an empty store and loads the worked example the way a
 * new user would: from the first-run page. */
static PbWindow *
open_worked_example (Fixture *fixture)
{
  PbWindow *window = fixture_open (fixture);

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-example", NULL));
  WAIT_FOR (pb_window_get_profile (window) != NULL && !pb_window_get_busy (window));

  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Example");
  g_assert_cmpstr (visible_page (window), ==, "editor");
  pb_test_wait_for_draw (GTK_WIDGET (window));

  return window;
}

/* Whether an action can be used, as a button bound to it would show it
 * (activating a disabled widget action still reports it exists). */
static gboolean
action_enabled (PbWindow   *window,
                const char *name)
{
  GtkWidget *probe = gtk_button_new ();
  GtkWidget *parent = template_child (window, "toast_overlay");
  gboolean enabled;

  g_object_ref_sink (probe);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  gtk_widget_set_parent (probe, parent);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);

  return enabled;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Clicks a message dialog's response button, as the administrator would. */
static void
click_response (GtkWindow  *dialog,
                const char *label)
{
  GtkWidget *button;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  button = find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static guint
count_findings (PbWindow   *window,
                const char *code,
                const char *subject_id)
{
  GListModel *findings = pb_window_get_findings (window);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (pb_finding_get_code (finding), code) == 0 &&
          (subject_id == NULL || g_strcmp0 (pb_finding_get_subject_id (finding), subject_id) == 0))
        count++;
    }

  return count;
}

static gboolean
preview_contains (PbWindow   *window,
                  const char *text)
{
  GListModel *preview = pb_window_get_preview (window);

  for (guint i = 0; i < g_list_model_get_n_items (preview); i++)
    {
      g_autoptr(PbPreviewEvent) event = g_list_model_get_item (preview, i);
      g_autofree char *line = pb_preview_event_to_string (event);

      if (strstr (line, text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static PbChoiceButton *
status_dropdown (PbWindow   *window,
                 const char *api_name)
{
  GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, api_name);

  g_assert_true (PB_IS_STATUS_ROW (row));
  return pb_status_row_get_chooser (PB_STATUS_ROW (row));
}

static PbChoiceButton *
state_dropdown (PbWindow   *window,
                const char *state_id)
{
  GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_STATE, state_id);

  g_assert_true (PB_IS_STATE_ROW (row));
  return pb_state_row_get_chooser (PB_STATE_ROW (row));
}

/* The position of the entry showing @label in a drop-down's model. */
static guint
dropdown_position (PbChoiceButton *dropdown,
                   const char     *label)
{
  GListModel *model = pb_choice_button_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (string), label) == 0)
        return i;
    }

  g_error ("No entry “%s” in the drop-down", label);
  return GTK_INVALID_LIST_POSITION;
}

/* The text the drop-down shows (valid while the entry exists). */
static const char *
dropdown_text (PbChoiceButton *dropdown)
{
  g_autoptr(GtkStringObject) selected = pb_choice_button_get_selected_item (dropdown);

  return selected ? gtk_string_object_get_string (selected) : NULL;
}

static void
test_first_run_worked_example (Fixture       *fixture,
                               gconstpointer  user_data)
{
  PbWindow *window = fixture_open (fixture);
  PbConfiguration *draft;

  /* An empty store: the first-run page, nothing to save or export. */
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_true (action_enabled (window, "win.load-example"));
  g_assert_true (action_enabled (window, "win.import"));
  g_assert_false (action_enabled (window, "win.fetch"));
  /* The shortcuts window comes from the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (action_enabled (window, "win.show-help-overlay"));
  g_assert_null (pb_window_get_profile (window));
  g_assert_false (action_enabled (window, "win.save"));
  g_assert_false (action_enabled (window, "win.export"));
  save_screenshot (GTK_WIDGET (window), "first-run");

  fixture_close (fixture);
  window = open_worked_example (fixture);

  draft = pb_window_get_draft (window);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (draft)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);
  /* Six majors and seven minors, the majors expanded. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);

  /* Loaded means saved: revision 1, nothing unsaved. */
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 1);
  g_assert_false (pb_window_get_has_unsaved_changes (window));

  /* The spec's events, read back from the preview. */
  g_assert_true (preview_contains (window, "Agent goes offline in Omni-Channel → logged out of ContactPad"));
  g_assert_true (preview_contains (window, "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”"));
  g_assert_true (preview_contains (window, "Agent picks “On a call” → ContactPad state Away"));
  g_assert_true (preview_contains (window, "Agent picks “Away from desk (temporary)” → ContactPad state Break"));
  g_assert_true (preview_contains (window, "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”"));
  g_assert_true (preview_contains (window, "Agent logs out of ContactPad → offline in Omni-Channel"));

  /* The grids show the mapping. */
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "On_a_call")), ==, "Away");
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "Away_from_desk_temporary")), ==, "Away › Break");
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "Taking_notes")), ==, "Default (Ready)");
  g_assert_cmpstr (dropdown_text (state_dropdown (window, "wrap")), ==, "Taking notes");
  g_assert_cmpstr (dropdown_text (state_dropdown (window, "away.break")), ==,
                   "Same as Away (Away from desk (temporary))");

  save_screenshot (GTK_WIDGET (window), "wide-worked-example");
}

static void
test_map_status_changes_problems (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *dropdown;

  g_assert_cmpuint (count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 0);

  /* "On a call" (busy) mapped to the default, Ready: the double routing
   * the checks warn about. */
  dropdown = status_dropdown (window, "On_a_call");
  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Default (Ready)"));
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "On_a_call"));

  WAIT_FOR (count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call") == 1);
  g_assert_true (pb_window_get_has_unsaved_changes (window));
  g_assert_true (preview_contains (window, "Agent picks “On a call” → ContactPad state Ready (default mapping)"));

  /* Undo and redo go through the same path. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pb_window_refresh_now (window);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "On_a_call"), ==, "away");
  g_assert_cmpuint (count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 0);
  g_assert_cmpstr (dropdown_text (dropdown), ==, "Away");
  g_assert_false (pb_window_get_has_unsaved_changes (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  pb_window_refresh_now (window);
  g_assert_cmpuint (count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 1);
  g_assert_cmpstr (dropdown_text (dropdown), ==, "Default (Ready)");

  /* Nothing more to redo. */
  g_assert_false (action_enabled (window, "win.redo"));
}

static PbChoicePopover *
open_choices (PbChoiceButton *button)
{
  g_signal_emit_by_name (button, "clicked");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PB_IS_CHOICE_POPOVER (child))
        {
          g_assert_true (gtk_widget_get_visible (child));
          g_assert_true (pb_choice_popover_get_button (PB_CHOICE_POPOVER (child)) == button);
          return PB_CHOICE_POPOVER (child);
        }
    }

  g_error ("Clicking the drop-down opened no popup");
  return NULL;
}

static void
test_choose_from_popup (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *button = status_dropdown (window, "Taking_notes");
  PbChoicePopover *popover;
  GtkWidget *search;
  GtkStringObject *first;

  /* Clicking opens the grid's one popup, on this row, showing every state. */
  popover = open_choices (button);
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_popover_get_results (popover)), ==, 14);
  pb_test_wait_for_draw (GTK_WIDGET (popover));
  save_screenshot (GTK_WIDGET (popover), "choice-popup");

  /* The search narrows it; picking closes it and maps the status. */
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover), PB_TYPE_CHOICE_POPOVER, "search_entry"));
  gtk_editable_set_text (GTK_EDITABLE (search), "wrap");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_popover_get_results (popover)), ==, 1);
  first = g_list_model_get_item (pb_choice_popover_get_results (popover), 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Wrap up");
  g_object_unref (first);

  g_signal_emit_by_name (search, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
  g_assert_cmpstr (dropdown_text (button), ==, "Wrap up");

  /* The same popup serves another row, with that row's entries. */
  popover = open_choices (state_dropdown (window, "busy.inbound"));
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_popover_get_results (popover)), ==, 7);
  pb_choice_popover_choose (popover, 1);
  {
    const char *presence = "unset";

    g_assert_true (pb_configuration_get_state_mapping (pb_window_get_draft (window), "busy.inbound", &presence));
    g_assert_null (presence);
  }
}

static void
test_minor_state_inherits (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *major = state_dropdown (window, "away");
  PbChoiceButton *minor = state_dropdown (window, "away.break");

  /* Changing the major changes what the minor's first entry says. */
  pb_choice_button_set_selected (major, dropdown_position (major, "Taking notes"));
  pb_window_refresh_now (window);
  g_assert_cmpstr (dropdown_text (minor), ==, "Same as Away (Taking notes)");

  /* A minor of its own, then back to its major's. */
  pb_choice_button_set_selected (minor, dropdown_position (minor, "Offline"));
  pb_window_refresh_now (window);
  {
    const char *presence = "unset";

    g_assert_true (pb_configuration_get_state_mapping (pb_window_get_draft (window), "away.break", &presence));
    g_assert_null (presence);
  }
  pb_choice_button_set_selected (minor, 0);
  g_assert_false (pb_configuration_get_state_mapping (pb_window_get_draft (window), "away.break", NULL));

  /* Logged out has no drop-down: its "Offline" is fixed. */
  {
    GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_STATE, "logged_out");

    g_assert_nonnull (row);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pb_state_row_get_chooser (PB_STATE_ROW (row)))));
  }
}

static void
test_unmapped_major_blocks_save (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *dropdown = state_dropdown (window, "wrap");
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  GtkWindow *dialog;
  GtkWidget *focus;

  /* Nothing changed yet: nothing to save. */
  g_assert_false (action_enabled (window, "win.save"));

  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Not mapped"));
  WAIT_FOR (count_findings (window, PB_CHECK_UNMAPPED_MAJOR_STATE, "wrap") == 1);
  g_assert_true (pb_window_get_has_unsaved_changes (window));

  /* Save refuses and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Cannot Save Yet");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Wrap up"));

  /* "Show the Problem" focuses the row at fault. */
  click_response (dialog, "_Show the Problem");
  WAIT_FOR (pb_window_get_dialog (window) == NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == GTK_WIDGET (dropdown) || gtk_widget_is_ancestor (focus, GTK_WIDGET (dropdown)));
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 1);

  /* Map it again: now Save asks for a comment and records revision 2. */
  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Ready for chats"));
  pb_window_refresh_now (window);
  g_assert_cmpuint (count_findings (window, PB_CHECK_UNMAPPED_MAJOR_STATE, NULL), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Revision");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))),
                         "Wrap up shows chats");
  click_response (dialog, "_Save");
  WAIT_FOR (pb_window_get_saved_revision (window) == 2 && !pb_window_get_busy (window));

  g_assert_false (pb_window_get_has_unsaved_changes (window));
  revisions = pb_store_list_revisions (pb_window_get_store (window), pb_window_get_profile (window), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);

      if (pb_revision_get_number (revision) == 2)
        newest = g_steal_pointer (&revision);
    }
  g_assert_nonnull (newest);
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Wrap up shows chats");
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_SAVE);
}

static void
test_export_import_second_profile (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "example.config.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PbConfiguration) first = NULL;
  g_autoptr(PbConfiguration) second = NULL;
  g_autoptr(PbProfile) first_profile = NULL;
  g_autoptr(PbProfile) second_profile = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;
  PbChoiceButton *dropdown;
  GtkWindow *dialog;
  GtkWidget *import_dialog;

  /* An edit first, so the export is the draft, not the saved revision. */
  dropdown = status_dropdown (window, "Ready_for_Chats");
  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Busy › Busy Inbound"));
  pb_window_refresh_now (window);

  g_assert_true (pb_window_export_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A second profile, made the way the user would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-profile", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))),
                         "Example");
  /* Taken already. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))),
                         "Second");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  click_response (dialog, "C_reate");
  WAIT_FOR (pb_window_get_dialog (window) == NULL);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Second");
  g_assert_cmpstr (visible_page (window), ==, "empty");

  /* Import the export into it: the dialog shows the differences, then
   * applies them. */
  import_dialog = pb_window_import_from_file (window, file, &error);
  g_assert_no_error (error);
  g_assert_true (PB_IS_IMPORT_DIALOG (import_dialog));
  g_assert_true (pb_window_get_dialog (window) == GTK_WINDOW (import_dialog));
  WAIT_FOR (!pb_import_dialog_get_busy (PB_IMPORT_DIALOG (import_dialog)));
  save_screenshot (import_dialog, "import-dialog");
  pb_import_dialog_apply (PB_IMPORT_DIALOG (import_dialog));
  WAIT_FOR (pb_window_get_saved_revision (window) == 1 && g_strcmp0 (visible_page (window), "editor") == 0);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Second");

  /* No differences between the two profiles. */
  WAIT_FOR (!pb_window_get_busy (window));
  first_profile = pb_store_lookup_profile (pb_window_get_store (window), "Example", &error);
  g_assert_no_error (error);
  first = pb_store_load_draft (pb_window_get_store (window), first_profile, &error);
  g_assert_no_error (error);
  second_profile = pb_store_lookup_profile (pb_window_get_store (window), "Second", &error);
  second = pb_store_load_draft (pb_window_get_store (window), second_profile, &error);
  g_assert_no_error (error);
  changes = pb_diff_configurations (first, second);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 0);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (second, "Ready_for_Chats"), ==, "busy.inbound");

  /* And the window shows it. */
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "Ready_for_Chats")), ==, "Busy › Busy Inbound");

  /* The profile switcher goes back to the first one, draft and all. */
  {
    GtkDropDown *profiles = GTK_DROP_DOWN (template_child (window, "profile_dropdown"));
    GListModel *model = gtk_drop_down_get_model (profiles);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(PbProfile) profile = g_list_model_get_item (model, i);

        if (g_strcmp0 (pb_profile_get_name (profile), "Example") == 0)
          gtk_drop_down_set_selected (profiles, i);
      }
    WAIT_FOR (g_strcmp0 (pb_profile_get_name (pb_window_get_profile (window)), "Example") == 0);
    g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Ready_for_Chats"),
                     ==, "busy.inbound");
    g_assert_true (pb_window_get_has_unsaved_changes (window));
  }
}

static void
test_import_error_names_the_line (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\n  \"format\": \"presence-bridge-config\",\n  \"version\": 1,\n  oops\n}\n",
                                      -1, NULL));
  g_assert_null (pb_window_import_from_file (window, file, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "4:"));
}

static void
test_search_filters_both_grids (Fixture       *fixture,
                                gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  GtkWidget *entry = template_child (window, "search_entry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (template_child (window, "search_bar"))));

  /* By label, in both grids; a major matching shows its minors. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "away");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 5);

  /* A minor matching shows its major too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "lunch");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 2);

  /* By API name. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ready_for_");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 2);
  save_screenshot (GTK_WIDGET (window), "search");

  /* Activating a problem about a row the search hides clears the search. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_STATE, "away.training"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
}

static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);

  gtk_test_accessible_assert_property (status_dropdown (window, "On_a_call"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Agent state for “On a call”");
  gtk_test_accessible_assert_property (status_dropdown (window, "Ready_for_Cases"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Agent state for “Ready for cases”");
  gtk_test_accessible_assert_property (state_dropdown (window, "away.break"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Presence for “Away › Break”");
  gtk_test_accessible_assert_property (state_dropdown (window, "wrap"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Presence for “Wrap up”");
}

static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }

  return handled;
}

/* Runs the row's key binding for @keyval, as the key press would. */
static gboolean
activate_binding (GtkWidget *widget,
                  guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
        }
    }

  return FALSE;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  GtkWidget *status_list = template_child (window, "status_list");
  GtkWidget *state_list = template_child (window, "state_list");
  GtkWidget *busy_row;
  GtkWidget *focus;

  /* Ctrl+1 goes to the statuses, and Tab leaves the list in one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-statuses", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, status_list));
  g_assert_true (PB_IS_CHOICE_BUTTON (focus));

  g_assert_true (press_key (status_list, GDK_KEY_Tab, 0));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (gtk_widget_is_ancestor (focus, status_list));
  g_assert_true (gtk_widget_is_ancestor (focus, state_list));

  /* Shift+Tab goes back. */
  g_assert_true (press_key (state_list, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, status_list));

  /* Minus and plus collapse and expand a major state. */
  busy_row = pb_window_lookup_row (window, PB_SUBJECT_STATE, "busy");
  g_assert_nonnull (busy_row);
  pb_state_row_focus_editor (PB_STATE_ROW (busy_row));
  g_assert_true (activate_binding (busy_row, GDK_KEY_minus));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 10);
  g_assert_false (activate_binding (busy_row, GDK_KEY_minus));
  g_assert_true (activate_binding (busy_row, GDK_KEY_plus));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
}

static void
test_problem_activation_focuses_row (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  GtkWidget *problems = template_child (window, "problems_list");
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (problems)));
  guint group_position = GTK_INVALID_LIST_POSITION;
  guint finding_position = GTK_INVALID_LIST_POSITION;
  guint n_rows;
  GtkWidget *focus;

  /* Headings, then a group per check; small groups are open. */
  n_rows = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (PB_IS_FINDING (item) &&
          g_strcmp0 (pb_finding_get_code (PB_FINDING (item)), PB_CHECK_BUSY_PRESENCE_TO_READY) == 0)
        finding_position = i;
      if (PB_IS_PROBLEM_GROUP (item) &&
          g_strcmp0 (pb_problem_group_get_code (PB_PROBLEM_GROUP (item)), PB_CHECK_ROUND_TRIP_MISMATCH) == 0)
        {
          group_position = i;
          g_assert_cmpuint (pb_problem_group_get_n_findings (PB_PROBLEM_GROUP (item)), ==, 3);
          g_assert_true (gtk_tree_list_row_get_expanded (row));
        }
    }
  g_assert_cmpuint (finding_position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (group_position, !=, GTK_INVALID_LIST_POSITION);
  save_screenshot (GTK_WIDGET (window), "problems");

  /* Activating a group folds it. */
  g_signal_emit_by_name (problems, "activate", group_position);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows - 3);
  g_signal_emit_by_name (problems, "activate", group_position);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);

  /* What a click or Enter on a problem does. */
  g_signal_emit_by_name (problems, "activate", finding_position);
  WAIT_FOR ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
            gtk_widget_is_ancestor (focus, pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Taking_notes")));

  /* An edit updates the groups in place: fixing it removes the group. */
  pb_choice_button_set_selected (status_dropdown (window, "Taking_notes"),
                                 dropdown_position (status_dropdown (window, "Taking_notes"), "Wrap up"));
  pb_window_refresh_now (window);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_assert_false (PB_IS_PROBLEM_GROUP (item) &&
                      g_strcmp0 (pb_problem_group_get_code (PB_PROBLEM_GROUP (item)),
                                 PB_CHECK_BUSY_PRESENCE_TO_READY) == 0);
    }
}

static void
test_history_restore (Fixture       *fixture,
                      gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *dropdown = status_dropdown (window, "Taking_notes");
  GtkWindow *dialog;

  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Wrap up"));
  pb_window_refresh_now (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  click_response (pb_window_get_dialog (window), "_Save");
  WAIT_FOR (pb_window_get_saved_revision (window) == 2 && !pb_window_get_busy (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (PB_IS_HISTORY_DIALOG (dialog));
  WAIT_FOR (!pb_history_dialog_get_busy (PB_HISTORY_DIALOG (dialog)));

  /* What the dialog does after a restore: the window reloads the draft. */
  g_assert_cmpuint (pb_store_restore_revision (pb_window_get_store (window), pb_window_get_profile (window),
                                               1, NULL, NULL), ==, 3);
  g_signal_emit_by_name (dialog, "restored", 3);
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 3);
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"));
  g_assert_false (pb_window_get_has_unsaved_changes (window));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "Taking_notes")), ==, "Default (Ready)");
  gtk_window_destroy (dialog);
}

static void
test_close_keeps_draft (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  PbChoiceButton *dropdown = status_dropdown (window, "Taking_notes");
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  pb_choice_button_set_selected (dropdown, dropdown_position (dropdown, "Wrap up"));

  /* Closing with unsaved changes asks first. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save a Revision Before Closing?");
  click_response (dialog, "_Cancel");
  g_assert_nonnull (fixture->window);

  gtk_window_close (GTK_WINDOW (window));
  click_response (pb_window_get_dialog (window), "_Keep as Draft");
  WAIT_FOR (fixture->window == NULL);

  /* The edit is in the store's draft, not in a revision. */
  store = pb_store_open (fixture->store_path, &error);
  g_assert_no_error (error);
  profile = pb_store_lookup_profile (store, "Example", &error);
  g_assert_no_error (error);
  draft = pb_store_load_draft (store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (draft, "Taking_notes"), ==, "wrap");
  {
    g_autoptr(PbConfiguration) latest = pb_store_load_latest_revision (store, profile, &error);

    g_assert_no_error (error);
    g_assert_null (pb_configuration_get_presence_mapping (latest, "Taking_notes"));
  }
  g_clear_object (&store);

  /* Opening again shows the draft, marked unsaved. */
  window = fixture_open (fixture);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Example");
  g_assert_true (pb_window_get_has_unsaved_changes (window));
  g_assert_cmpstr (dropdown_text (status_dropdown (window, "Taking_notes")), ==, "Wrap up");
}

static void
test_store_newer_is_not_touched (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  sqlite3 *db = NULL;
  PbWindow *window;
  GtkWindow *dialog;

  g_assert_cmpint (sqlite3_open (fixture->store_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->store_path, &before, &before_length, NULL));

  window = fixture_open (fixture);
  g_assert_cmpstr (visible_page (window), ==, "error");
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The Store Cannot Be Opened");
  g_assert_false (action_enabled (window, "win.load-example"));
  g_assert_false (action_enabled (window, "win.import"));
  save_screenshot (GTK_WIDGET (window), "store-error");
  gtk_window_destroy (dialog);

  fixture_close (fixture);
  g_assert_true (g_file_get_contents (fixture->store_path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_dark (Fixture       *fixture,
           gconstpointer  user_data)
{
  PbWindow *window = open_worked_example (fixture);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  save_screenshot (GTK_WIDGET (window), "wide-dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  GSettings *settings = pb_application_get_settings (application);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  PbWindow *window;
  GtkWidget *grids;
  GtkWidget *flap;

  /* A phone-sized window, the size the settings remember. */
  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 720);
  window = open_worked_example (fixture);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");

  grids = template_child (window, "grids_box");
  flap = template_child (window, "flap");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (pb_window_get_narrow (window));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (grids)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  save_screenshot (GTK_WIDGET (window), "narrow");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (window), "narrow-dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  /* The panel folds away; the problems action brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  save_screenshot (GTK_WIDGET (window), "narrow-problems");

  /* Activating a problem hides the panel again, to show the row. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_PRESENCE, "Taking_notes"));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
}

static void
test_large_generated_profile (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *expected_label = NULL;
  gint64 opened, edited;
  PbWindow *window;
  GtkWidget *row;

  /* The same window on the worked example first, for comparison. */
  {
    g_autoptr(PbStore) store = pb_store_open (fixture->store_path, NULL);
    g_autoptr(PbConfiguration) example = pb_test_worked_example ();

    g_assert_cmpuint (pb_store_import (store, "Example", example, NULL, NULL, NULL, NULL), ==, 1);
  }
  opened = g_get_monotonic_time ();
  fixture_open (fixture);
  g_test_message ("worked example opened and drawn in %.0f ms", (g_get_monotonic_time () - opened) / 1000.0);
  fixture_close (fixture);

  g_setenv ("PB_GENERATE", "5000,1000", TRUE);
  opened = g_get_monotonic_time ();
  window = fixture_open (fixture);
  /* For the record only: timing is the benchmark's business, not a test's. */
  g_test_message ("opened and drawn in %.0f ms", (g_get_monotonic_time () - opened) / 1000.0);
  g_unsetenv ("PB_GENERATE");

  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Generated 5000 × 1000");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_findings (window)), >, 0);
  save_screenshot (GTK_WIDGET (window), "large");

  /* Only the rows in view exist: the last status has none yet ... */
  g_assert_null (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Status_04999"));

  /* ... until it is scrolled to, and its drop-down shares the model. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_PRESENCE, "Status_04999"));
  WAIT_FOR ((row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Status_04999")) != NULL);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (pb_choice_button_get_model (status_dropdown (window, "Status_04999")) ==
                 pb_choice_button_get_model (status_dropdown (window, "Status_04998")));
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_button_get_model (status_dropdown (window, "Status_04999"))),
                    ==, 1001);
  expected_label = g_strdup_printf ("Agent state for “%s”",
                                    pb_presence_status_get_label (pb_status_row_get_status (PB_STATUS_ROW (row))));
  gtk_test_accessible_assert_property (status_dropdown (window, "Status_04999"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, expected_label);
  save_screenshot (GTK_WIDGET (window), "large-scrolled");

  /* An edit far down the list: the problems and preview follow. */
  edited = g_get_monotonic_time ();
  pb_choice_button_set_selected (status_dropdown (window, "Status_04999"), 0);
  pb_window_refresh_now (window);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_test_message ("edited and redrawn in %.0f ms", (g_get_monotonic_time () - edited) / 1000.0);
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Status_04999"));
  g_assert_true (pb_window_get_has_unsaved_changes (window));
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) system_data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The isolated data dirs have no MIME database, without which the image
   * loaders do not recognise an SVG icon, nor icon themes: give both back,
   * read-only. */
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *)mime_dirs->pdata);
  gtk_init ();
  /* GNOME's window buttons (Xvfb has no settings daemon to say so). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
    }

#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-run-worked-example", test_first_run_worked_example);
  ADD ("map-status-changes-problems", test_map_status_changes_problems);
  ADD ("choose-from-popup", test_choose_from_popup);
  ADD ("minor-state-inherits", test_minor_state_inherits);
  ADD ("unmapped-major-blocks-save", test_unmapped_major_blocks_save);
  ADD ("export-import-second-profile", test_export_import_second_profile);
  ADD ("import-error-names-the-line", test_import_error_names_the_line);
  ADD ("search-filters-both-grids", test_search_filters_both_grids);
  ADD ("accessible-labels", test_accessible_labels);
  ADD ("keyboard", test_keyboard);
  ADD ("problem-activation-focuses-row", test_problem_activation_focuses_row);
  ADD ("history-restore", test_history_restore);
  ADD ("close-keeps-draft", test_close_keeps_draft);
  ADD ("store-newer-is-not-touched", test_store_newer_is_not_touched);
  ADD ("dark", test_dark);
  ADD ("narrow", test_narrow);
  ADD ("large-generated-profile", test_large_generated_profile);

#undef ADD

  application = pb_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  status = g_test_run ();

  g_clear_object (&application);
  return status;
}
