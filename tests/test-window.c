/* test-window.c: the real window, driven through its actions and parts
 *
 * Runs under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo). Each test opens the
 * application on a store of its own in a temporary directory, and waits
 * on what the window notifies ("refreshed", "notify::busy"), never on time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "pb-choice-popover.h"
#include "pb-history-dialog.h"
#include "pb-import-dialog.h"
#include "pb-mapping-grid.h"
#include "pb-mapping-row.h"
#include "pb-problem-row.h"
#include "pb-ui-util.h"
#include "pb-problem-group.h"
#include "pb-problems-panel.h"
#include "pb-profile-switcher.h"
#include "pb-promote-dialog.h"
#include "pb-search-bar.h"
#include "pb-test-fixtures.h"
#include "pb-test-window.h"

typedef PbTestWindowFixture Fixture;

static void
test_first_run_worked_example (Fixture       *fixture,
                               gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open (fixture);
  PbConfiguration *draft;

  /* An empty store: the first-run page, nothing to save or export. */
  g_assert_cmpstr (pb_test_window_page (window), ==, "welcome");
  g_assert_true (pb_test_action_enabled (window, "win.load-example"));
  g_assert_true (pb_test_action_enabled (window, "win.import"));
  g_assert_false (pb_test_action_enabled (window, "win.fetch"));
  g_assert_null (pb_window_get_profile (window));
  g_assert_false (pb_test_action_enabled (window, "win.save"));
  g_assert_false (pb_test_action_enabled (window, "win.export"));
  pb_test_save_screenshot (GTK_WIDGET (window), "first-run");

  pb_test_window_close (fixture);
  window = pb_test_window_open_worked_example (fixture);

  draft = pb_window_get_draft (window);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (draft)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);
  /* Six majors and seven minors, the majors expanded. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);

  /* Loaded means saved: revision 1, nothing unsaved. */
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 1);
  g_assert_false (pb_window_get_has_unsaved_changes (window));

  /* The spec's events, read back from the preview. */
  g_assert_true (pb_test_preview_contains (window, "Agent goes offline in Omni-Channel → logged out of ContactPad"));
  g_assert_true (pb_test_preview_contains (window, "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”"));
  g_assert_true (pb_test_preview_contains (window, "Agent picks “On a call” → ContactPad state Away"));
  g_assert_true (pb_test_preview_contains (window, "Agent picks “Away from desk (temporary)” → ContactPad state Break"));
  g_assert_true (pb_test_preview_contains (window, "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”"));
  g_assert_true (pb_test_preview_contains (window, "Agent logs out of ContactPad → offline in Omni-Channel"));

  /* The grids show the mapping. */
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "On_a_call")), ==, "Away");
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "Away_from_desk_temporary")), ==,
                   "Away › Break");
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "Taking_notes")), ==, "Default (Ready)");
  g_assert_cmpstr (pb_test_chooser_text (pb_test_state_chooser (window, "wrap")), ==, "Taking notes");
  g_assert_cmpstr (pb_test_chooser_text (pb_test_state_chooser (window, "away.break")), ==,
                   "Same as Away (Away from desk (temporary))");

  /* The two grids' headings say the same thing in the two directions. */
  {
    GtkWidget *grids = pb_test_window_child (window, "grids_box");
    GtkWidget *statuses = gtk_widget_get_first_child (grids);
    GtkWidget *states = gtk_widget_get_next_sibling (statuses);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (statuses, PB_TYPE_MAPPING_GRID,
                                                                                    "heading_label"))),
                     ==, "Presence Status → Agent State");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (states, PB_TYPE_MAPPING_GRID,
                                                                                    "heading_label"))),
                     ==, "Agent State → Presence Status");
  }

  /* The title says which profile and in what state. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Example (Saved as revision 1) – Presence Bridge");
  g_assert_cmpstr (pb_profile_switcher_get_subtitle (PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher"))),
                   ==, "Saved as revision 1");

  pb_test_save_screenshot (GTK_WIDGET (window), "wide-worked-example");
}

static void
test_map_status_changes_problems (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *chooser;

  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 0);

  /* "On a call" (busy) mapped to the default, Ready: the double routing
   * the checks warn about. The row shows it at once; the checks follow. */
  chooser = pb_test_status_chooser (window, "On_a_call");
  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Default (Ready)"));
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "On_a_call"));
  g_assert_cmpstr (pb_test_chooser_text (chooser), ==, "Default (Ready)");

  pb_test_window_wait_refreshed (window);
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 1);
  g_assert_true (pb_window_get_has_unsaved_changes (window));
  g_assert_true (pb_test_preview_contains (window, "Agent picks “On a call” → ContactPad state Ready (default mapping)"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Example (Unsaved changes) – Presence Bridge");

  /* Undo and redo go through the same path: the draft at once, the
   * checks after it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "On_a_call"), ==, "away");
  pb_test_window_wait_refreshed (window);
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 0);
  g_assert_cmpstr (pb_test_chooser_text (chooser), ==, "Away");
  g_assert_false (pb_window_get_has_unsaved_changes (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  pb_test_window_wait_refreshed (window);
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_BUSY_PRESENCE_TO_READY, "On_a_call"), ==, 1);
  g_assert_cmpstr (pb_test_chooser_text (chooser), ==, "Default (Ready)");

  /* Nothing more to redo. */
  g_assert_false (pb_test_action_enabled (window, "win.redo"));
}

static PbChoicePopover *
open_choices (PbChoiceButton *button)
{
  GtkWidget *popover;

  g_signal_emit_by_name (button, "clicked");
  popover = pb_test_find_widget (GTK_WIDGET (button), PB_TYPE_CHOICE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (pb_choice_popover_get_button (PB_CHOICE_POPOVER (popover)) == button);

  return PB_CHOICE_POPOVER (popover);
}

static GtkWidget *
popover_child (PbChoicePopover *popover,
               const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover), PB_TYPE_CHOICE_POPOVER, name));
}

/* Whether the popup's row for @label shows the check mark. */
static gboolean
popup_row_checked (PbChoicePopover *popover,
                   const char      *label)
{
  GtkWidget *list = popover_child (popover, "list");

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkWidget *text = box ? gtk_widget_get_first_child (box) : NULL;

      if (text != NULL && GTK_IS_LABEL (text) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (text)), label) == 0)
        return gtk_widget_get_visible (gtk_widget_get_next_sibling (text));
    }

  g_error ("No row “%s” in the popup", label);
  return FALSE;
}

static void
test_choose_from_popup (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *button = pb_test_status_chooser (window, "Taking_notes");
  PbChoicePopover *popover;
  GtkWidget *search;
  GtkWidget *list;
  GtkStringObject *first;

  /* Clicking opens the grid's one popup, on this row, showing every state;
   * the check mark is on the row's value. */
  popover = open_choices (button);
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_popover_get_results (popover)), ==, 14);
  pb_test_wait_for_draw (GTK_WIDGET (popover));
  g_assert_true (popup_row_checked (popover, "Default (Ready)"));
  g_assert_false (popup_row_checked (popover, "Wrap up"));
  pb_test_save_screenshot (GTK_WIDGET (popover), "choice-popup");

  /* Arrowing down the list moves the focus, not the check mark. */
  search = popover_child (popover, "search_entry");
  list = popover_child (popover, "list");
  g_assert_true (pb_test_press_key (search, GDK_KEY_Down, 0));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), list));
  g_assert_true (pb_test_activate_binding (list, GDK_KEY_Down, 0));
  pb_test_wait_for_draw (GTK_WIDGET (popover));
  g_assert_true (popup_row_checked (popover, "Default (Ready)"));

  /* Escape in an empty search closes the popup, back on the drop-down. */
  gtk_widget_grab_focus (search);
  g_signal_emit_by_name (search, "stop-search");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, NULL);

  /* The search narrows it; Escape first clears it; Enter picks the first
   * match, closes and maps the status. */
  popover = open_choices (button);
  search = popover_child (popover, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "wrap");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_popover_get_results (popover)), ==, 1);
  g_signal_emit_by_name (search, "stop-search");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (search), "wrap");
  g_signal_emit_by_name (search, "search-changed");
  first = g_list_model_get_item (pb_choice_popover_get_results (popover), 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Wrap up");
  g_object_unref (first);

  g_signal_emit_by_name (search, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
  g_assert_cmpstr (pb_test_chooser_text (button), ==, "Wrap up");
  g_assert_true (pb_test_focus (window) == GTK_WIDGET (button));

  /* The same popup serves another row, with that row's entries. */
  popover = open_choices (pb_test_state_chooser (window, "busy.inbound"));
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
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *major = pb_test_state_chooser (window, "away");
  PbChoiceButton *minor = pb_test_state_chooser (window, "away.break");

  /* Changing the major changes what the minor's first entry says, at once. */
  pb_choice_button_set_selected (major, pb_test_chooser_position (major, "Taking notes"));
  g_assert_cmpstr (pb_test_chooser_text (minor), ==, "Same as Away (Taking notes)");

  /* A minor of its own, then back to its major's. */
  pb_choice_button_set_selected (minor, pb_test_chooser_position (minor, "Offline"));
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
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pb_mapping_row_get_chooser (PB_MAPPING_ROW (row)))));
  }
}

static void
test_unmapped_major_blocks_save (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *chooser = pb_test_state_chooser (window, "wrap");
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  GtkWindow *dialog;
  GtkWidget *focus;

  /* Nothing changed yet: nothing to save. */
  g_assert_false (pb_test_action_enabled (window, "win.save"));

  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Not mapped"));
  pb_test_window_wait_refreshed (window);
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_UNMAPPED_MAJOR_STATE, "wrap"), ==, 1);
  g_assert_true (pb_window_get_has_unsaved_changes (window));

  /* Save refuses and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Cannot Save Yet");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Wrap up"));

  /* "Show the Problem" focuses the row at fault. */
  pb_test_click_response (dialog, "_Show the Problem");
  if (pb_window_get_dialog (window) != NULL)
    pb_test_wait_for_finalize (pb_window_get_dialog (window));
  focus = pb_test_focus (window);
  g_assert_true (focus == GTK_WIDGET (chooser) || gtk_widget_is_ancestor (focus, GTK_WIDGET (chooser)));
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 1);

  /* Map it again: now Save asks for a comment and records revision 2. */
  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Ready for chats"));
  pb_window_refresh_now (window);
  g_assert_cmpuint (pb_test_count_findings (window, PB_CHECK_UNMAPPED_MAJOR_STATE, NULL), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Revision");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))),
                         "Wrap up shows chats");
  pb_test_click_response (dialog, "_Save");
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_saved_revision (window) == 2);
  pb_test_window_wait_idle (window);

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

/* Chooses the profile called @name in the header's switcher. */
static void
switch_profile (PbWindow   *window,
                const char *name)
{
  PbProfileSwitcher *switcher = PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher"));
  GListModel *profiles = pb_profile_switcher_get_profiles (switcher);

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);

      if (g_strcmp0 (pb_profile_get_name (profile), name) == 0)
        {
          pb_profile_switcher_choose (switcher, i);
          PB_TEST_WAIT_UNTIL (window, "refreshed", g_strcmp0 (pb_profile_get_name (pb_window_get_profile (window)), name) == 0);
          return;
        }
    }

  g_error ("No profile “%s” in the switcher", name);
}

static void
test_export_import_second_profile (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "example.config.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PbConfiguration) first = NULL;
  g_autoptr(PbConfiguration) second = NULL;
  g_autoptr(PbProfile) first_profile = NULL;
  g_autoptr(PbProfile) second_profile = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;
  PbChoiceButton *chooser;
  GtkWindow *dialog;
  GtkWidget *import_dialog;

  /* An edit first, so the export is the draft, not the saved revision. */
  chooser = pb_test_status_chooser (window, "Ready_for_Chats");
  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Busy › Busy Inbound"));
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
  pb_test_click_response (dialog, "C_reate");
  PB_TEST_WAIT_UNTIL (window, "refreshed", g_strcmp0 (pb_profile_get_name (pb_window_get_profile (window)), "Second") == 0);
  g_assert_cmpstr (pb_test_window_page (window), ==, "empty");

  /* Import the export into it: the dialog shows the differences, then
   * applies them. */
  import_dialog = pb_window_import_from_file (window, file, &error);
  g_assert_no_error (error);
  g_assert_true (PB_IS_IMPORT_DIALOG (import_dialog));
  g_assert_true (pb_window_get_dialog (window) == GTK_WINDOW (import_dialog));
  PB_TEST_WAIT_UNTIL (import_dialog, "notify::busy", !pb_import_dialog_get_busy (PB_IMPORT_DIALOG (import_dialog)));
  pb_test_save_screenshot (import_dialog, "import-dialog");
  pb_import_dialog_apply (PB_IMPORT_DIALOG (import_dialog));
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_saved_revision (window) == 1 &&
                                           g_strcmp0 (pb_test_window_page (window), "editor") == 0);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Second");

  /* No differences between the two profiles. */
  pb_test_window_wait_idle (window);
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
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "Ready_for_Chats")), ==, "Busy › Busy Inbound");

  /* The profile switcher lists both and goes back to the first, draft and all. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_profile_switcher_get_profiles (
                      PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher")))), ==, 2);
  switch_profile (window, "Example");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Ready_for_Chats"),
                   ==, "busy.inbound");
  g_assert_true (pb_window_get_has_unsaved_changes (window));
}

/* The message of an import that fails is a sentence, the parser's
 * details under it. */
static void
test_import_error_names_the_line (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (path, "{\n  \"format\": \"presence-bridge-config\",\n  \"version\": 1,\n  oops\n}\n",
                                      -1, NULL));
  g_assert_null (pb_window_import_from_file (window, file, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "4:"));

  /* What the administrator is shown. */
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Cannot Import “broken.json”");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (body, "The file is not a configuration"));
  g_assert_null (strstr (body, "line"));
  /* The details, secondary, under the sentence. */
  g_assert_nonnull (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))),
                            "4:"));
}

static void
type_search (PbWindow   *window,
             const char *text)
{
  GtkWidget *entry = pb_search_bar_get_entry (PB_SEARCH_BAR (pb_test_window_child (window, "search_bar")));

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
test_search_filters_both_grids (Fixture       *fixture,
                                gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSearchBar *search_bar = PB_SEARCH_BAR (pb_test_window_child (window, "search_bar"));
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (pb_search_bar_get_search_mode_enabled (search_bar));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), pb_search_bar_get_entry (search_bar)));

  /* By label, in both grids, and by what a row shows as its value: "On a
   * call" is mapped to Away. A major matching shows its minors. */
  type_search (window, "away");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 5);

  /* Typing on narrows: the rows still shown are kept, not rebuilt. */
  row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Away_from_desk_temporary");
  g_assert_nonnull (row);
  type_search (window, "away from");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 1);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Away_from_desk_temporary") == row);

  /* "break" finds the status whose drop-down shows "Away › Break". */
  type_search (window, "break");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 1);
  {
    g_autoptr(PbPresenceStatus) status = g_list_model_get_item (pb_window_get_status_model (window), 0);

    g_assert_cmpstr (pb_presence_status_get_api_name (status), ==, "Away_from_desk_temporary");
  }

  /* A minor matching shows its major too. */
  type_search (window, "lunch");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pb_test_find_widget (
                     pb_test_find_widget (pb_test_window_child (window, "grids_box"), PB_TYPE_MAPPING_GRID),
                     GTK_TYPE_STACK))), ==, "no-results");

  /* Enter goes to the first result: no status, so the first state. */
  g_signal_emit_by_name (pb_search_bar_get_entry (search_bar), "activate");
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (PB_IS_CHOICE_BUTTON (pb_test_focus (window)));
  g_assert_true (pb_test_focus (window) == GTK_WIDGET (pb_test_state_chooser (window, "away")));

  /* By API name. */
  type_search (window, "ready_for_");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 2);
  pb_test_save_screenshot (GTK_WIDGET (window), "search");

  /* Activating a problem about a row the search hides clears the search. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_STATE, "away.training"));
  g_assert_cmpstr (pb_search_bar_get_text (search_bar), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
}

static void
test_problem_activation_focuses_row (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbProblemsPanel *panel = PB_PROBLEMS_PANEL (pb_test_window_child (window, "problems_panel"));
  GListModel *rows = pb_problems_panel_get_rows (panel);
  GtkWidget *list = pb_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW);
  guint group_position = GTK_INVALID_LIST_POSITION;
  guint finding_position = GTK_INVALID_LIST_POSITION;
  guint n_rows;
  GtkWidget *focus;

  /* A group per check, no headings; warnings start closed. */
  n_rows = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_assert_true (PB_IS_PROBLEM_GROUP (item));
      g_assert_false (gtk_tree_list_row_get_expanded (row));
      if (g_strcmp0 (pb_problem_group_get_code (PB_PROBLEM_GROUP (item)), PB_CHECK_ROUND_TRIP_MISMATCH) == 0)
        {
          group_position = i;
          g_assert_cmpuint (pb_problem_group_get_n_findings (PB_PROBLEM_GROUP (item)), ==, 3);
        }
    }
  g_assert_cmpuint (group_position, !=, GTK_INVALID_LIST_POSITION);

  /* Activating a group opens and closes it. */
  g_signal_emit_by_name (list, "activate", group_position);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows + 3);
  g_signal_emit_by_name (list, "activate", group_position);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);

  /* Opened by the administrator, it stays open through edits. */
  g_assert_true (pb_problems_panel_set_expanded (panel, 0, TRUE));
  n_rows = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (PB_IS_FINDING (item) &&
          g_strcmp0 (pb_finding_get_code (PB_FINDING (item)), PB_CHECK_BUSY_PRESENCE_TO_READY) == 0)
        finding_position = i;
    }
  g_assert_cmpuint (finding_position, !=, GTK_INVALID_LIST_POSITION);
  pb_test_save_screenshot (GTK_WIDGET (window), "problems");

  /* A finding reads as its sentence; its check's code and its place in
   * the file are secondary, in the tooltip. */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, finding_position);
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
    GtkWidget *shown = NULL;

    pb_test_wait_for_draw (GTK_WIDGET (window));
    for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *problem_row = gtk_widget_get_first_child (child);

        if (problem_row != NULL && PB_IS_PROBLEM_ROW (problem_row) &&
            pb_problem_row_get_list_row (PB_PROBLEM_ROW (problem_row)) == row)
          shown = problem_row;
      }
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (pb_ui_get_tooltip (shown), pb_finding_get_code (PB_FINDING (item))));
    for (GtkWidget *child = gtk_widget_get_first_child (shown); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        {
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, pb_finding_get_message (PB_FINDING (item)));
          g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (child)), pb_finding_get_code (PB_FINDING (item))));
        }
  }

  /* What a click or Enter on a problem does. */
  g_signal_emit_by_name (list, "activate", finding_position);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  focus = pb_test_focus (window);
  g_assert_true (gtk_widget_is_ancestor (focus, pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Taking_notes")));

  /* An edit updates the groups in place: fixing it removes its group;
   * the others keep their state. */
  pb_choice_button_set_selected (pb_test_status_chooser (window, "Taking_notes"),
                                 pb_test_chooser_position (pb_test_status_chooser (window, "Taking_notes"), "Wrap up"));
  pb_window_refresh_now (window);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_assert_false (PB_IS_PROBLEM_GROUP (item) &&
                      g_strcmp0 (pb_problem_group_get_code (PB_PROBLEM_GROUP (item)),
                                 PB_CHECK_BUSY_PRESENCE_TO_READY) == 0);
      if (PB_IS_PROBLEM_GROUP (item))
        g_assert_false (gtk_tree_list_row_get_expanded (row));
    }

  /* A new error opens, first in the list, scrolled into view. */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    PbChoiceButton *wrap = pb_test_state_chooser (window, "wrap");

    g_assert_true (pb_problems_panel_set_expanded (panel, g_list_model_get_n_items (rows) - 1, TRUE));
    pb_test_wait_for_draw (GTK_WIDGET (window));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    pb_choice_button_set_selected (wrap, pb_test_chooser_position (wrap, "Not mapped"));
    pb_test_window_wait_refreshed (window);
    pb_test_wait_for_draw (GTK_WIDGET (window));
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 0);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_assert_cmpint (pb_problem_group_get_severity (PB_PROBLEM_GROUP (item)), ==, PB_SEVERITY_ERROR);
      g_assert_true (gtk_tree_list_row_get_expanded (row));
    }
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  }
}

static void
test_history_restore (Fixture       *fixture,
                      gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *chooser = pb_test_status_chooser (window, "Taking_notes");
  GtkWindow *dialog;

  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Wrap up"));
  pb_window_refresh_now (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  pb_test_click_response (pb_window_get_dialog (window), "_Save");
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_saved_revision (window) == 2);
  pb_test_window_wait_idle (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (PB_IS_HISTORY_DIALOG (dialog));
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !pb_history_dialog_get_busy (PB_HISTORY_DIALOG (dialog)));

  /* What the dialog does after a restore: the window reloads the draft. */
  g_assert_cmpuint (pb_store_restore_revision (pb_window_get_store (window), pb_window_get_profile (window),
                                               1, NULL, NULL), ==, 3);
  g_signal_emit_by_name (dialog, "restored", 3);
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_saved_revision (window) == 3);
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"));
  g_assert_false (pb_window_get_has_unsaved_changes (window));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "Taking_notes")), ==, "Default (Ready)");
  gtk_window_destroy (dialog);
}

static void
test_close_keeps_draft (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbChoiceButton *chooser = pb_test_status_chooser (window, "Taking_notes");
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Wrap up"));

  /* Closing with unsaved changes asks first. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save a Revision Before Closing?");
  pb_test_click_response (dialog, "_Cancel");
  g_assert_nonnull (fixture->window);

  gtk_window_close (GTK_WINDOW (window));
  pb_test_click_response (pb_window_get_dialog (window), "_Keep as Draft");
  if (fixture->window != NULL)
    pb_test_wait_for_finalize (fixture->window);
  /* The last write keeps the application (and its store) until it is done. */
  while (pb_application_get_store (pb_test_application) != NULL)
    g_main_context_iteration (NULL, TRUE);

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

  /* Closed as soon as it shows the draft, before the newest revision is
   * read (after the first frame): it asks all the same. */
  g_application_activate (G_APPLICATION (pb_test_application));
  window = fixture->window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (pb_test_application)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&fixture->window);
  PB_TEST_WAIT_UNTIL (window, "notify::busy", pb_window_get_profile (window) != NULL);
  g_assert_null (pb_window_get_findings (window));
  gtk_window_close (GTK_WINDOW (window));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  pb_test_click_response (dialog, "_Keep as Draft");
  if (fixture->window != NULL)
    pb_test_wait_for_finalize (fixture->window);
  while (pb_application_get_store (pb_test_application) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Opening again shows the draft, marked unsaved. */
  window = pb_test_window_open (fixture);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Example");
  g_assert_true (pb_window_get_has_unsaved_changes (window));
  g_assert_cmpstr (pb_test_chooser_text (pb_test_status_chooser (window, "Taking_notes")), ==, "Wrap up");
}

/* app.quit closes every window, each asking about its own unsaved
 * changes; nothing is used after it is freed, no critical is printed
 * (the tests run with G_DEBUG=fatal-criticals). */
static void
test_quit_closes_every_window (Fixture       *fixture,
                               gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbWindow *second;
  GtkWindow *dialog;

  /* A second window, with nothing unsaved: it closes at once. */
  second = pb_window_new (ADW_APPLICATION (pb_test_application), pb_window_get_store (window), "Example");
  gtk_window_present (GTK_WINDOW (second));
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *)&second);
  pb_test_wait_for_draw (GTK_WIDGET (second));

  /* An edit in the first: it asks. */
  pb_choice_button_set_selected (pb_test_status_chooser (window, "Taking_notes"),
                                 pb_test_chooser_position (pb_test_status_chooser (window, "Taking_notes"), "Wrap up"));

  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "quit", NULL);
  if (second != NULL)
    pb_test_wait_for_finalize (second);
  g_assert_null (second);
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save a Revision Before Closing?");

  /* Quitting again while it asks changes nothing; Keep as Draft closes. */
  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "quit", NULL);
  g_assert_nonnull (fixture->window);
  pb_test_click_response (pb_window_get_dialog (window), "_Keep as Draft");
  if (fixture->window != NULL)
    pb_test_wait_for_finalize (fixture->window);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (pb_test_application)));
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

  window = pb_test_window_open (fixture);
  g_assert_cmpstr (pb_test_window_page (window), ==, "error");
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The Store Cannot Be Opened");
  g_assert_false (pb_test_action_enabled (window, "win.load-example"));
  g_assert_false (pb_test_action_enabled (window, "win.import"));
  pb_test_save_screenshot (GTK_WIDGET (window), "store-error");
  gtk_window_destroy (dialog);

  pb_test_window_close (fixture);
  g_assert_true (g_file_get_contents (fixture->store_path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Two profiles, neither the default, never opened: the window opens one,
 * never "(None)" and the first-run page. The profile open last is the
 * one the next start opens: the store remembers it. */
static void
test_profiles_never_an_empty_window (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  PbWindow *window;

  {
    g_autoptr(PbStore) store = pb_store_open (fixture->store_path, NULL);
    g_autoptr(PbConfiguration) example = pb_test_worked_example ();
    g_autoptr(PbProfile) added = NULL;
    g_autoptr(PbProfile) second = pb_profile_new ("Second");

    g_assert_cmpuint (pb_store_import (store, "Production", example, NULL, NULL, NULL, NULL), ==, 1);
    added = pb_store_add_profile (store, second, NULL);
    g_assert_nonnull (added);
    g_assert_null (pb_store_get_default_profile (store, NULL));
  }

  window = pb_test_window_open (fixture);
  g_assert_nonnull (pb_window_get_profile (window));
  g_assert_cmpstr (pb_test_window_page (window), !=, "welcome");
  g_assert_nonnull (pb_profile_switcher_get_profile (PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher"))));

  g_assert_true (pb_window_open_profile (window, "Second", NULL));
  PB_TEST_WAIT_UNTIL (window, "refreshed",
                      g_strcmp0 (pb_profile_get_name (pb_window_get_profile (window)), "Second") == 0);
  pb_test_window_close (fixture);

  window = pb_test_window_open (fixture);
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_profile (window) != NULL);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Second");
}

static void
test_large_generated_profile (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *expected_label = NULL;
  PbWindow *window;
  GtkWidget *row;

  g_setenv ("PB_GENERATE", "5000,1000", TRUE);
  window = pb_test_window_open (fixture);
  g_unsetenv ("PB_GENERATE");

  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Generated 5000 × 1000");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_findings (window)), >, 0);
  pb_test_save_screenshot (GTK_WIDGET (window), "large");

  /* Only the rows near the view exist: the last status has none yet ... */
  g_assert_null (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Status_04999"));

  /* ... until it is scrolled to; its drop-down then has the focus and
   * shares the model of the others. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_PRESENCE, "Status_04999"));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Status_04999");
  g_assert_nonnull (row);
  g_assert_true (pb_test_focus (window) == GTK_WIDGET (pb_test_status_chooser (window, "Status_04999")));
  g_assert_true (pb_choice_button_get_model (pb_test_status_chooser (window, "Status_04999")) ==
                 pb_choice_button_get_model (pb_test_status_chooser (window, "Status_04998")));
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_button_get_model (pb_test_status_chooser (window, "Status_04999"))),
                    ==, 1001);
  {
    g_autoptr(PbPresenceStatus) status = g_list_model_get_item (pb_window_get_status_model (window), 4999);

    expected_label = g_strdup_printf ("Agent state for “%s”", pb_presence_status_get_label (status));
  }
  gtk_test_accessible_assert_property (pb_test_status_chooser (window, "Status_04999"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, expected_label);
  pb_test_save_screenshot (GTK_WIDGET (window), "large-scrolled");

  /* An edit far down the list: the problems and preview follow. */
  pb_choice_button_set_selected (pb_test_status_chooser (window, "Status_04999"), 0);
  pb_test_window_wait_refreshed (window);
  g_assert_null (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Status_04999"));
  g_assert_true (pb_window_get_has_unsaved_changes (window));
}

/* The label showing exactly @text under @root, or NULL. */
static GtkLabel *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* win.promote: the open profile's draft, unsaved edit included, becomes
 * another profile's draft; the toast names it (as text, though a toast's
 * title is markup) and opens it. */
static void
test_promote_to_another_profile (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  static const char *name = "Prod <b>&amp; 1</b>";
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbStore *store = pb_window_get_store (window);
  PbChoiceButton *chooser = pb_test_status_chooser (window, "Taking_notes");
  g_autoptr(PbConfiguration) lists = pb_test_worked_example ();
  g_autoptr(PbProfile) production = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  GtkWindow *dialog;
  GtkWidget *open_button;

  g_assert_true (pb_test_action_enabled (window, "win.promote"));
  production = pb_test_add_profile (store, name);
  g_assert_cmpuint (pb_store_save_revision (store, production, lists, PB_REVISION_SOURCE_FETCH, NULL, NULL, NULL),
                    ==, 1);

  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, "Wrap up"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.promote", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (PB_IS_PROMOTE_DIALOG (dialog));
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !pb_promote_dialog_get_busy (PB_PROMOTE_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "promote.apply", NULL));
  pb_test_wait_for_finalize (dialog);

  revisions = pb_store_list_revisions (store, production, NULL);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpuint (pb_revision_get_number (newest), ==, 2);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_PROMOTE);
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Promoted from “Example”");

  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Promoted to “Prod <b>&amp; 1</b>” as revision 2"));
  pb_test_save_screenshot (GTK_WIDGET (window), "promoted-toast");
  open_button = pb_test_find_button (GTK_WIDGET (window), "_Open");
  g_assert_nonnull (open_button);
  g_signal_emit_by_name (open_button, "clicked");
  PB_TEST_WAIT_UNTIL (window, "refreshed", g_str_equal (pb_profile_get_name (pb_window_get_profile (window)), name));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Taking_notes"), ==, "wrap");
  g_assert_cmpuint (pb_window_get_saved_revision (window), ==, 2);
}

static gboolean
toast_shown (gpointer data)
{
  return find_label_with_text (GTK_WIDGET (data), "Created the profile “A <i>&amp; B</i>”") != NULL;
}

/* A toast shows a profile name as it is, though a toast's title is
 * markup in libadwaita 1.2. */
static void
test_toast_is_text (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *name = "A <i>&amp; B</i>";
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  GtkWindow *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-profile", NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  pb_test_click_response (dialog, "C_reate");

  PB_TEST_WAIT_UNTIL (window, "refreshed", g_str_equal (pb_profile_get_name (pb_window_get_profile (window)), name));
  /* Toasts come one at a time: after the worked example's. */
  pb_test_wait_until (toast_shown, window, "the toast naming the new profile");
}

int
main (int   argc,
      char *argv[])
{
  pb_test_window_init (&argc, &argv);

  PB_TEST_WINDOW_ADD ("/window/first-run-worked-example", test_first_run_worked_example);
  PB_TEST_WINDOW_ADD ("/window/map-status-changes-problems", test_map_status_changes_problems);
  PB_TEST_WINDOW_ADD ("/window/choose-from-popup", test_choose_from_popup);
  PB_TEST_WINDOW_ADD ("/window/minor-state-inherits", test_minor_state_inherits);
  PB_TEST_WINDOW_ADD ("/window/unmapped-major-blocks-save", test_unmapped_major_blocks_save);
  PB_TEST_WINDOW_ADD ("/window/export-import-second-profile", test_export_import_second_profile);
  PB_TEST_WINDOW_ADD ("/window/import-error-names-the-line", test_import_error_names_the_line);
  PB_TEST_WINDOW_ADD ("/window/search-filters-both-grids", test_search_filters_both_grids);
  PB_TEST_WINDOW_ADD ("/window/problem-activation-focuses-row", test_problem_activation_focuses_row);
  PB_TEST_WINDOW_ADD ("/window/history-restore", test_history_restore);
  PB_TEST_WINDOW_ADD ("/window/close-keeps-draft", test_close_keeps_draft);
  PB_TEST_WINDOW_ADD ("/window/quit-closes-every-window", test_quit_closes_every_window);
  PB_TEST_WINDOW_ADD ("/window/store-newer-is-not-touched", test_store_newer_is_not_touched);
  PB_TEST_WINDOW_ADD ("/window/profiles-never-an-empty-window", test_profiles_never_an_empty_window);
  PB_TEST_WINDOW_ADD ("/window/large-generated-profile", test_large_generated_profile);
  PB_TEST_WINDOW_ADD ("/window/promote-to-another-profile", test_promote_to_another_profile);
  PB_TEST_WINDOW_ADD ("/window/toast-is-text", test_toast_is_text);

  return pb_test_window_run ();
}
