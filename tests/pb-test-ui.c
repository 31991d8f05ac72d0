/* pb-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-ui.h"

#include <glib/gstdio.h>
#include <stdlib.h>

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

/* Whether @trigger fires on @keyval with exactly @state; GtkWindow binds
 * Tab and keypad Tab as one alternative trigger. */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     state)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state);

  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state;
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
          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, state))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}
