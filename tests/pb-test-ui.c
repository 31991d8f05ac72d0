/* pb-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-ui.h"

#include <glib/gstdio.h>
#include <stdlib.h>

void
pb_test_ui_init (int    *argc,
                 char ***argv)
{
  g_auto(GStrv) system_data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  GtkIconTheme *icon_theme;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Without the MIME database the image loaders do not recognise an SVG
   * icon. */
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *)mime_dirs->pdata);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
    }
}

PbApplication *
pb_test_application_new (void)
{
  PbApplication *application = pb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

PbWindow *
pb_test_open_window (PbApplication  *application,
                     PbWindow      **window_location)
{
  PbWindow *window;

  g_application_activate (G_APPLICATION (application));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (PB_IS_WINDOW (window));
  *window_location = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)window_location);
  pb_test_wait_for_draw (GTK_WIDGET (window));

  return window;
}

void
pb_test_close_window (PbWindow **window_location)
{
  if (*window_location == NULL)
    return;

  while (pb_window_get_busy (*window_location))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (*window_location));
  while (*window_location != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
pb_test_wait_for_draw (GtkWidget *widget)
{
  run_pending ();
  gtk_test_widget_wait_for_draw (widget);
  gdk_display_sync (gtk_widget_get_display (widget));
  run_pending ();
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

static void
emitted_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

void
pb_test_wait_for_signal (gpointer    instance,
                         const char *detailed_signal)
{
  gboolean emitted = FALSE;
  gulong handler;
  guint timeout;

  handler = g_signal_connect_swapped (instance, detailed_signal, G_CALLBACK (emitted_cb), &emitted);
  timeout = g_timeout_add_seconds (30, timed_out_cb, (gpointer)detailed_signal);
  while (!emitted)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (instance, handler);
}

static void
finalized_cb (gpointer  user_data,
              GObject  *where_the_object_was)
{
  *(gboolean *)user_data = TRUE;
}

void
pb_test_wait_for_finalize (gpointer object)
{
  gboolean finalized = FALSE;
  guint timeout;

  g_object_weak_ref (object, finalized_cb, &finalized);
  timeout = g_timeout_add_seconds (30, timed_out_cb, (gpointer)"finalization");
  while (!finalized)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

void
pb_test_init_display (void)
{
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display could be opened (run the UI tests under xvfb-run, as build-aux/test.sh does)\n");
      exit (0);
    }
}

void
pb_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("PB_TEST_ARTEFACTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  pb_test_wait_for_draw (widget);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  paintable = gtk_widget_paintable_new (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file_name = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

gboolean
pb_test_press_key (GtkWidget       *widget,
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

gboolean
pb_test_activate_binding (GtkWidget       *widget,
                          guint            keyval,
                          GdkModifierType  state)
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
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}
