/* test-help.c: F1 opens the help in the help viewer, or says why it cannot
 *
 * Each test has its own XDG folders, so the help viewers GIO knows are the
 * ones the test installs there: none, or a stand-in that writes down the
 * URI it was started with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-test-fixtures.h"
#include "pb-test-window.h"

typedef PbTestWindowFixture Fixture;

static void
test_f1 (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (pb_test_application), "app.help");

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (pb_test_application), "help-online"));
}

static void
test_no_viewer_says_so (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  GtkWidget *button;

  pb_test_window_open (fixture);
  g_assert_null (viewer);
  g_assert_null (pb_test_find_label (GTK_WIDGET (fixture->window), _("No help viewer is installed")));

  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "help", NULL);
  pb_test_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_nonnull (pb_test_find_label (GTK_WIDGET (fixture->window), _("No help viewer is installed")));
  button = pb_test_find_button (GTK_WIDGET (fixture->window), _("Read _Online"));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.help-online");
}

typedef struct
{
  const char *name;
  gboolean    seen;
} Arrival;

static void
file_arrived_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 Arrival           *arrival)
{
  GFile *arrived = (event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_RENAMED) ? other_file : file;
  g_autofree char *name = arrived ? g_file_get_basename (arrived) : NULL;

  if ((event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_RENAMED ||
       event == G_FILE_MONITOR_EVENT_CREATED) &&
      g_strcmp0 (name, arrival->name) == 0)
    arrival->seen = TRUE;
}

static gboolean
too_late_cb (gpointer user_data)
{
  g_error ("The help viewer was not started within 30 seconds");
  return G_SOURCE_REMOVE;
}

static void
test_viewer_opens_help (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *viewer_path = g_build_filename (fixture->dir, "help-viewer", NULL);
  g_autofree char *launched_path = g_build_filename (fixture->dir, "launched", NULL);
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_path = g_build_filename (applications, "test-help-viewer.desktop", NULL);
  g_autofree char *cache_path = g_build_filename (applications, "mimeinfo.cache", NULL);
  g_autofree char *script = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *launched = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GAppInfo) viewer = NULL;
  g_autoptr(GError) error = NULL;
  Arrival arrival = { "launched", FALSE };
  guint timeout;

  pb_test_window_open (fixture);

  /* A viewer for help: URIs that writes down what it was asked to show
   * (whole, by renaming it into place). */
  script = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                            launched_path, launched_path, launched_path);
  g_assert_true (g_file_set_contents (viewer_path, script, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (viewer_path, 0755), ==, 0);
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help Viewer\n"
                             "Exec=%s %%u\nMimeType=x-scheme-handler/help;\n", viewer_path);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0755), ==, 0);
  g_assert_true (g_file_set_contents (desktop_path, desktop, -1, &error));
  g_assert_no_error (error);
  /* What update-desktop-database writes: GIO finds handlers through it. */
  g_assert_true (g_file_set_contents (cache_path, "[MIME Cache]\nx-scheme-handler/help=test-help-viewer.desktop;\n", -1, &error));
  g_assert_no_error (error);

  viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_assert_nonnull (viewer);

  monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (monitor, "changed", G_CALLBACK (file_arrived_cb), &arrival);

  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "help", NULL);
  timeout = g_timeout_add_seconds (30, too_late_cb, NULL);
  while (!arrival.seen)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (g_file_get_contents (launched_path, &launched, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (launched, ==, "help:presence-bridge");
  g_assert_null (pb_test_find_label (GTK_WIDGET (fixture->window), _("No help viewer is installed")));
}

int
main (int   argc,
      char *argv[])
{
  pb_test_window_init (&argc, &argv);

  g_test_add_func ("/help/f1", test_f1);
  PB_TEST_WINDOW_ADD ("/help/no-viewer-says-so", test_no_viewer_says_so);
  PB_TEST_WINDOW_ADD ("/help/viewer-opens-help", test_viewer_opens_help);

  return pb_test_window_run ();
}
