/* test-window-keyboard.c: the window driven from the keyboard alone
 *
 * GTK 4.8 tests cannot send real key events to a window; these run the
 * handlers a key press reaches (the widget's key controllers and key
 * bindings) and the actions behind the accelerators. tests/keyboard.sh
 * proves the same with real X key events, through xdotool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-account-switches.h"
#include "pb-choice-popover.h"
#include "pb-history-dialog.h"
#include "pb-mapping-row.h"
#include "pb-problem-group.h"
#include "pb-problem-row.h"
#include "pb-problems-panel.h"
#include "pb-search-bar.h"
#include "pb-test-window.h"

typedef PbTestWindowFixture Fixture;

static GtkWidget *
grid_list (PbWindow  *window,
           PbSubject  subject)
{
  GtkWidget *grids = pb_test_window_child (window, "grids_box");
  GtkWidget *grid = gtk_widget_get_first_child (grids);

  if (subject == PB_SUBJECT_STATE)
    grid = gtk_widget_get_next_sibling (grid);

  return pb_test_find_widget (grid, GTK_TYPE_LIST_VIEW);
}

static PbMappingRow *
focus_row (PbWindow *window)
{
  GtkWidget *row = gtk_widget_get_ancestor (pb_test_focus (window), PB_TYPE_MAPPING_ROW);

  g_assert_nonnull (row);
  return PB_MAPPING_ROW (row);
}

static PbChoicePopover *
open_popover (PbChoiceButton *chooser)
{
  GtkWidget *popover = pb_test_find_widget (GTK_WIDGET (chooser), PB_TYPE_CHOICE_POPOVER);

  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  return PB_CHOICE_POPOVER (popover);
}

static void
test_grids (Fixture       *fixture,
            gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  GtkWidget *status_list = grid_list (window, PB_SUBJECT_PRESENCE);
  GtkWidget *state_list = grid_list (window, PB_SUBJECT_STATE);
  PbSearchBar *search_bar = PB_SEARCH_BAR (pb_test_window_child (window, "search_bar"));
  PbChoiceButton *chooser;
  PbChoicePopover *popover;
  GtkWidget *search;

  /* Ctrl+1 goes to the statuses: to a drop-down, which shows its focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-statuses", NULL));
  g_assert_true (PB_IS_CHOICE_BUTTON (pb_test_focus (window)));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), status_list));
  g_assert_cmpstr (pb_mapping_row_get_subject_id (focus_row (window)), ==, "Ready_for_Cases");

  /* ↓ lands on the next row's drop-down, where Space and Enter act. */
  g_assert_true (pb_test_activate_binding (status_list, GDK_KEY_Down, 0));
  g_assert_true (PB_IS_CHOICE_BUTTON (pb_test_focus (window)));
  g_assert_cmpstr (pb_mapping_row_get_subject_id (focus_row (window)), ==, "Ready_for_Chats");
  g_assert_true (pb_test_activate_binding (status_list, GDK_KEY_Down, 0));
  g_assert_cmpstr (pb_mapping_row_get_subject_id (focus_row (window)), ==, "On_a_call");
  g_assert_true (pb_test_activate_binding (status_list, GDK_KEY_Up, 0));
  g_assert_cmpstr (pb_mapping_row_get_subject_id (focus_row (window)), ==, "Ready_for_Chats");

  /* A button activated from the keyboard clicks when its press is shown. */
  chooser = PB_CHOICE_BUTTON (pb_test_focus (window));
  g_assert_true (pb_test_activate_binding (GTK_WIDGET (chooser), GDK_KEY_space, 0));
  pb_test_wait_for_signal (chooser, "clicked");
  popover = open_popover (chooser);
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover), PB_TYPE_CHOICE_POPOVER, "search_entry"));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), search));

  /* Escape, with nothing typed, closes it, back on the drop-down. */
  g_assert_true (pb_test_activate_binding (search, GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (pb_test_focus (window) == GTK_WIDGET (chooser));

  /* Enter opens it too; typing and Enter choose. */
  g_assert_true (pb_test_activate_binding (GTK_WIDGET (chooser), GDK_KEY_Return, 0));
  pb_test_wait_for_signal (chooser, "clicked");
  popover = open_popover (chooser);
  gtk_editable_set_text (GTK_EDITABLE (search), "wrap");
  g_signal_emit_by_name (search, "search-changed");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_window_get_draft (window), "Ready_for_Chats"), ==, "wrap");
  g_assert_true (pb_test_focus (window) == GTK_WIDGET (chooser));

  /* Tab leaves the list in one step, Shift+Tab comes back. */
  g_assert_true (pb_test_press_key (status_list, GDK_KEY_Tab, 0));
  g_assert_false (gtk_widget_is_ancestor (pb_test_focus (window), status_list));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), state_list));
  g_assert_true (PB_IS_CHOICE_BUTTON (pb_test_focus (window)));
  g_assert_true (pb_test_press_key (state_list, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), status_list));

  /* Ctrl+2 goes to the states, on a drop-down too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-states", NULL));
  g_assert_true (PB_IS_CHOICE_BUTTON (pb_test_focus (window)));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), state_list));

  /* − and + (← and →) collapse and expand the focused major, and never
   * start a search. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_STATE, "busy"));
  g_assert_true (pb_test_press_key (state_list, GDK_KEY_minus, 0));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 10);
  g_assert_true (pb_test_press_key (state_list, GDK_KEY_plus, 0));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
  g_assert_true (pb_test_press_key (state_list, GDK_KEY_Left, 0));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 10);
  g_assert_true (pb_test_press_key (state_list, GDK_KEY_Right, 0));
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_state_model (window)), ==, 13);
  g_assert_false (pb_search_bar_get_search_mode_enabled (search_bar));
  g_assert_cmpstr (pb_search_bar_get_text (search_bar), ==, "");
  g_assert_cmpstr (pb_mapping_row_get_subject_id (focus_row (window)), ==, "busy");
}

/* A row at a time, each finding one stop; F8 lands on a group. */
static void
test_problems (Fixture       *fixture,
               gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  GtkWidget *panel = pb_test_window_child (window, "problems_panel");
  GtkWidget *list = pb_test_find_widget (panel, GTK_TYPE_LIST_VIEW);
  GListModel *rows = pb_problems_panel_get_rows (PB_PROBLEMS_PANEL (panel));
  GtkWidget *child;
  guint n_rows = g_list_model_get_n_items (rows);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), list));
  child = gtk_widget_get_first_child (pb_test_focus (window));
  g_assert_true (PB_IS_PROBLEM_ROW (child));
  {
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (pb_problem_row_get_list_row (PB_PROBLEM_ROW (child)));

    g_assert_true (PB_IS_PROBLEM_GROUP (item));
  }

  /* + opens the group under the focus, − closes it. */
  g_assert_true (pb_test_press_key (list, GDK_KEY_plus, 0));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, n_rows);
  g_assert_true (pb_test_activate_binding (list, GDK_KEY_Down, 0));
  g_assert_true (pb_test_press_key (list, GDK_KEY_minus, 0));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);

  /* Tab leaves the list in one step, whatever it holds. */
  g_assert_true (pb_test_press_key (list, GDK_KEY_Tab, 0));
  g_assert_false (gtk_widget_is_ancestor (pb_test_focus (window), list));

  /* Shift+F8: the preview, in the same place, with the focus in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preview", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pb_test_window_child (window, "side_stack"))), ==,
                   "preview");
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), pb_test_window_child (window, "preview_panel")));
  pb_test_save_screenshot (GTK_WIDGET (window), "preview");
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *action_name)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (g_strcmp0 (action, action_name) == 0)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_shortcut (child, action_name))
      return TRUE;

  return FALSE;
}

/* Every shortcut on one page of the shortcuts window, Save among them. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open (fixture);
  GtkShortcutsWindow *shortcuts;
  GtkWidget *section;
  GtkWidget *pages;

  /* Built when asked for, not with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  pb_test_wait_for_draw (GTK_WIDGET (shortcuts));

  section = pb_test_find_widget (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_SECTION);
  pages = pb_test_find_widget (section, GTK_TYPE_STACK);
  {
    g_autoptr(GListModel) page_list = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (pages)));

    g_assert_cmpuint (g_list_model_get_n_items (page_list), ==, 1);
  }
  g_assert_true (has_shortcut (section, "win.save"));
  g_assert_true (has_shortcut (section, "win.show-preview"));
  pb_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

static gboolean
has_name (GtkWidget *button)
{
  GtkWidget *child;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (button) && gtk_button_get_label (GTK_BUTTON (button)) != NULL &&
      gtk_button_get_icon_name (GTK_BUTTON (button)) == NULL)
    return TRUE;

  /* A label child that says it (a stack switcher's buttons). */
  child = gtk_widget_get_first_child (button);
  return child != NULL && GTK_IS_LABEL (child) && gtk_label_get_label (GTK_LABEL (child))[0] != '\0';
}

static void
collect_unnamed_buttons (GtkWidget *widget,
                         GString   *unnamed)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_BUTTON (widget) && !has_name (widget) &&
      /* The drop-downs' own rows are read through their list. */
      gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL)
    g_string_append_printf (unnamed, " %s(%s)", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_unnamed_buttons (child, unnamed);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  GtkWidget *post_call;

  gtk_test_accessible_assert_property (pb_test_status_chooser (window, "On_a_call"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Agent state for “On a call”");
  gtk_test_accessible_assert_property (pb_test_status_chooser (window, "Ready_for_Cases"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Agent state for “Ready for cases”");
  gtk_test_accessible_assert_property (pb_test_state_chooser (window, "away.break"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Presence for “Away › Break”");
  gtk_test_accessible_assert_property (pb_test_state_chooser (window, "wrap"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Presence for “Wrap up”");
  /* The value is read from the description. */
  gtk_test_accessible_assert_property (pb_test_state_chooser (window, "wrap"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Taking notes");

  /* Every button a screen reader reaches has a name, not just "button". */
  collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* F10 opens the main menu, built when first opened. */
  {
    GtkMenuButton *menu = GTK_MENU_BUTTON (pb_test_window_child (window, "primary_menu_button"));

    g_assert_null (gtk_menu_button_get_popover (menu));
    gtk_menu_button_popup (menu);
    g_assert_nonnull (gtk_menu_button_get_popover (menu));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu))));
    gtk_menu_button_popdown (menu);
  }

  /* The post-call state is read, not a stop for Tab. */
  post_call = GTK_WIDGET (gtk_widget_get_template_child (pb_test_window_child (window, "account_switches"),
                                                        PB_TYPE_ACCOUNT_SWITCHES, "post_call_label"));
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (post_call)));
  g_assert_false (gtk_widget_get_focusable (post_call));
}

/* The history opened from the keyboard shows its focus at once, on the
 * revision selected. */
static void
test_history_focus (Fixture       *fixture,
                    gconstpointer  user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  GtkWindow *dialog;
  GtkWidget *list;

  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  dialog = pb_window_get_dialog (window);
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !pb_history_dialog_get_busy (PB_HISTORY_DIALOG (dialog)));
  g_assert_true (gtk_window_get_focus_visible (dialog));
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), PB_TYPE_HISTORY_DIALOG, "revision_list"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), list));
  gtk_window_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_window_init (&argc, &argv);

  PB_TEST_WINDOW_ADD ("/window-keyboard/grids", test_grids);
  PB_TEST_WINDOW_ADD ("/window-keyboard/problems", test_problems);
  PB_TEST_WINDOW_ADD ("/window-keyboard/shortcuts-window", test_shortcuts_window);
  PB_TEST_WINDOW_ADD ("/window-keyboard/accessible-names", test_accessible_names);
  PB_TEST_WINDOW_ADD ("/window-keyboard/history-focus", test_history_focus);

  return pb_test_window_run ();
}
