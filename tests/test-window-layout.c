/* test-window-layout.c: the window at every width, light and dark, with
 * large profiles and hostile text
 *
 * Screenshots go to $PB_TEST_ARTEFACTS (meson sets it to
 * BUILD/test-artefacts) for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-mapping-grid.h"
#include "pb-mapping-row.h"
#include "pb-profile-switcher.h"
#include "pb-test-fixtures.h"
#include "pb-test-window.h"
#include "pb-ui-util.h"

typedef PbTestWindowFixture Fixture;

/* The window opens at the size the settings remember. */
static void
remember_size (int width,
               int height)
{
  GSettings *settings = pb_application_get_settings (pb_test_application);

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

static void
forget_size (void)
{
  GSettings *settings = pb_application_get_settings (pb_test_application);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
screenshots (PbWindow   *window,
             const char *name)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);

  pb_test_save_screenshot (GTK_WIDGET (window), name);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  pb_test_save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
import_profile (Fixture         *fixture,
                const char      *name,
                PbConfiguration *configuration)
{
  g_autoptr(PbStore) store = pb_store_open (fixture->store_path, NULL);

  g_assert_cmpuint (pb_store_import (store, name, configuration, NULL, NULL, NULL, NULL), ==, 1);
}

static void
test_widths (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const int widths[] = { 1400, 1024 };
  PbWindow *window;

  {
    g_autoptr(PbConfiguration) example = pb_test_worked_example ();

    import_profile (fixture, "Example", example);
  }

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("worked-example-%d", widths[i]);

      remember_size (widths[i], 860);
      window = pb_test_window_open (fixture);
      g_assert_false (pb_window_get_narrow (window));
      /* Wide, the grids scroll inside the window, which does not. */
      {
        GtkPolicyType vertical;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (pb_test_window_child (window, "page_scroller")),
                                        NULL, &vertical);
        g_assert_cmpint (vertical, ==, GTK_POLICY_NEVER);
      }
      screenshots (window, name);
      pb_test_window_close (fixture);
    }
  forget_size ();
}

/* A phone: 360 px. One page scrolling as a whole, the grids as tall as
 * their rows, each value under its name, the header still saying which
 * profile and whether it is saved. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  PbWindow *window;
  GtkWidget *flap;
  GtkWidget *grids;
  GtkWidget *row;
  GtkWidget *list;
  GtkAdjustment *adjustment;
  PbProfileSwitcher *switcher;
  graphene_rect_t name_bounds, value_bounds;
  int minimum;

  remember_size (360, 720);
  window = pb_test_window_open_worked_example (fixture);
  forget_size ();

  /* The window can be as narrow as a phone. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (pb_window_get_narrow (window));

  grids = pb_test_window_child (window, "grids_box");
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (grids)), ==, GTK_ORIENTATION_VERTICAL);
  {
    GtkPolicyType vertical;

    gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (pb_test_window_child (window, "page_scroller")), NULL, &vertical);
    g_assert_cmpint (vertical, ==, GTK_POLICY_AUTOMATIC);
  }

  /* The statuses' list shows every row: it does not scroll by itself. */
  list = pb_test_find_widget (gtk_widget_get_first_child (grids), GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 1);

  /* A value is under its name, at the row's full width. */
  row = pb_window_lookup_row (window, PB_SUBJECT_STATE, "away.break");
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_first_child (row), row, &name_bounds));
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_last_child (row), row, &value_bounds));
  g_assert_cmpfloat (value_bounds.origin.y, >=, name_bounds.origin.y + name_bounds.size.height);
  g_assert_cmpfloat (value_bounds.size.width, >=, gtk_widget_get_width (row) - 1);

  /* The header keeps the profile and its state. */
  switcher = PB_PROFILE_SWITCHER (pb_test_window_child (window, "profile_switcher"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (switcher)));
  g_assert_cmpstr (pb_profile_get_name (pb_profile_switcher_get_profile (switcher)), ==, "Example");
  pb_choice_button_set_selected (pb_test_status_chooser (window, "Taking_notes"),
                                 pb_test_chooser_position (pb_test_status_chooser (window, "Taking_notes"), "Wrap up"));
  pb_test_window_wait_refreshed (window);
  g_assert_cmpstr (pb_profile_switcher_get_subtitle (switcher), ==, "Unsaved changes");
  screenshots (window, "narrow");

  /* The panel folds away; the problems action brings it back. */
  flap = pb_test_window_child (window, "flap");
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  pb_test_save_screenshot (GTK_WIDGET (window), "narrow-problems");

  /* Activating a problem hides the panel again, to show the row. */
  g_assert_true (pb_window_focus_subject (window, PB_SUBJECT_PRESENCE, "Taking_notes"));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
}

static void
test_large (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const int widths[] = { 1400, 1024, 360 };
  PbWindow *window;

  {
    g_autoptr(PbConfiguration) generated = pb_generator_create (5000, 1000, 1);

    import_profile (fixture, "Generated", generated);
  }

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("large-%d", widths[i]);

      remember_size (widths[i], 860);
      window = pb_test_window_open (fixture);
      g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==, 5000);
      screenshots (window, name);
      pb_test_window_close (fixture);
    }
  forget_size ();
}

static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  user_data)
{
  guint length = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = pb_test_hostile_text (length, length < 10000);
  g_autofree char *name = g_strdup_printf ("hostile-%u", length);
  g_autoptr(PbConfiguration) config = pb_test_worked_example_named (text);
  GtkLabel *shown;
  PbMappingRow *row;
  PbWindow *window;
  const char *label;

  import_profile (fixture, "Hostile", config);
  window = pb_test_window_open (fixture);

  row = PB_MAPPING_ROW (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "On_a_call"));
  g_assert_nonnull (row);
  shown = GTK_LABEL (pb_test_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL));
  label = gtk_label_get_label (shown);

  /* Shown as text, bounded: the markup stays markup-looking text, the
   * line break and the tab are symbols, the override is isolated. */
  g_assert_true (g_str_has_prefix (label, "\u2068Break <b>bold?</b> \u202Ereversed\u202C tab\u2409new\u240Aline "));
  g_assert_true (g_str_has_suffix (label, "…\u2069"));
  g_assert_cmpuint (g_utf8_strlen (label, -1), <=, PB_UI_DISPLAY_MAX_CHARS + 3);
  /* Whole in the tooltip and for a screen reader. */
  g_assert_cmpstr (pb_ui_get_tooltip (GTK_WIDGET (shown)), ==, text);
  gtk_test_accessible_assert_property (shown, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);

  /* Where the name is part of a sentence it is isolated too. */
  label = pb_test_chooser_text (pb_test_state_chooser (window, "away.break"));
  g_assert_cmpstr (label, ==, "Same as Away (Away from desk (temporary))");
  label = pb_test_chooser_text (pb_test_status_chooser (window, "Away_from_desk_temporary"));
  g_assert_true (g_str_has_prefix (label, "\u2068Away › Break <b>"));

  screenshots (window, name);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_window_init (&argc, &argv);

  PB_TEST_WINDOW_ADD ("/window-layout/widths", test_widths);
  PB_TEST_WINDOW_ADD ("/window-layout/narrow", test_narrow);
  PB_TEST_WINDOW_ADD ("/window-layout/large", test_large);
  g_test_add ("/window-layout/hostile-text-1000", PbTestWindowFixture, GUINT_TO_POINTER (1000),
              pb_test_window_set_up, test_hostile_text, pb_test_window_tear_down);
  g_test_add ("/window-layout/hostile-text-10000", PbTestWindowFixture, GUINT_TO_POINTER (10000),
              pb_test_window_set_up, test_hostile_text, pb_test_window_tear_down);

  return pb_test_window_run ();
}
