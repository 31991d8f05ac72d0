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
#include "pb-test-ui.h"

static PbApplication *application;

typedef struct
{
  char     *dir;
  PbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *store_path = NULL;

  fixture->dir = pb_test_make_dir ("test-help-XXXXXX");
  store_path = g_build_filename (fixture->dir, "store.db", NULL);
  g_setenv ("PRESENCE_BRIDGE_STORE", store_path, TRUE);
  pb_test_open_window (application, &fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pb_test_close_window (&fixture->window);
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The widget below @widget that shows @text: a label, or a button with
 * that label. */
static GtkWidget *
find_text (GtkWidget  *widget,
           GType       type,
           const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    shown = gtk_button_get_label (GTK_BUTTON (widget));
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (shown, text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_f1 (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.help");

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "help-online"));
}

static void
test_no_viewer_says_so (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  GtkWidget *button;

  g_assert_null (viewer);
  g_assert_null (find_text (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, _("No help viewer is installed")));

  g_action_group_activate_action (G_ACTION_GROUP (application), "help", NULL);
  pb_test_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_nonnull (find_text (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, _("No help viewer is installed")));
  button = find_text (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, _("Read _Online"));
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

  g_action_group_activate_action (G_ACTION_GROUP (application), "help", NULL);
  timeout = g_timeout_add_seconds (30, too_late_cb, NULL);
  while (!arrival.seen)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (g_file_get_contents (launched_path, &launched, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (launched, ==, "help:presence-bridge");
  g_assert_null (find_text (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, _("No help viewer is installed")));

}

int
main (int   argc,
      char *argv[])
{
  int status;

  pb_test_ui_init (&argc, &argv);

  g_test_add_func ("/help/f1", test_f1);
  g_test_add ("/help/no-viewer-says-so", Fixture, NULL, fixture_set_up, test_no_viewer_says_so, fixture_tear_down);
  g_test_add ("/help/viewer-opens-help", Fixture, NULL, fixture_set_up, test_viewer_opens_help, fixture_tear_down);

  application = pb_test_application_new ();
  status = g_test_run ();

  g_clear_object (&application);
  return status;
}
