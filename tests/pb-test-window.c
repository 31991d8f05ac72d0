/* pb-test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-mapping-row.h"
#include "pb-test-fixtures.h"
#include "pb-test-window.h"

PbApplication *pb_test_application;

void
pb_test_window_init (int    *argc,
                     char ***argv)
{
  g_auto(GStrv) system_data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The isolated data dirs have no MIME database, without which the image
   * loaders do not recognise an SVG icon, nor icon themes: give both back,
   * read-only. */
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *)mime_dirs->pdata);
  pb_test_init_display ();
  g_object_set (gtk_settings_get_default (),
                /* GNOME's window buttons (Xvfb has no settings daemon to say so). */
                "gtk-decoration-layout", "appmenu:close",
                /* Pages and panels are where they go at once. */
                "gtk-enable-animations", FALSE,
                NULL);
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
    }

  pb_test_application = pb_application_new ();
  g_application_set_flags (G_APPLICATION (pb_test_application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (pb_test_application), NULL, &error);
  g_assert_no_error (error);
}

int
pb_test_window_run (void)
{
  int status = g_test_run ();

  g_clear_object (&pb_test_application);
  return status;
}

void
pb_test_window_set_up (PbTestWindowFixture *fixture,
                       gconstpointer        user_data)
{
  fixture->dir = pb_test_make_dir ("test-window-XXXXXX");
  fixture->store_path = g_build_filename (fixture->dir, "store.db", NULL);
  g_setenv ("PRESENCE_BRIDGE_STORE", fixture->store_path, TRUE);
  g_unsetenv ("PB_GENERATE");
}

void
pb_test_window_tear_down (PbTestWindowFixture *fixture,
                          gconstpointer        user_data)
{
  pb_test_window_close (fixture);
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
}

PbWindow *
pb_test_window_open (PbTestWindowFixture *fixture)
{
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (pb_test_application)));

  g_application_activate (G_APPLICATION (pb_test_application));
  fixture->window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (pb_test_application)));
  g_assert_true (PB_IS_WINDOW (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);

  pb_test_wait_for_draw (GTK_WIDGET (fixture->window));
  /* A profile is read off the main thread; its checks and preview come
   * after its first frame. */
  pb_test_window_wait_idle (fixture->window);
  if (pb_window_get_profile (fixture->window) != NULL)
    PB_TEST_WAIT_UNTIL (fixture->window, "refreshed", pb_window_get_findings (fixture->window) != NULL);
  return fixture->window;
}

void
pb_test_window_close (PbTestWindowFixture *fixture)
{
  if (fixture->window != NULL)
    {
      PbWindow *window = fixture->window;

      pb_test_window_wait_idle (window);
      g_object_ref (window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (window);
      if (fixture->window != NULL)
        pb_test_wait_for_finalize (fixture->window);
    }

  /* The store goes with the last window. */
  g_assert_null (pb_application_get_store (pb_test_application));
}

PbWindow *
pb_test_window_open_worked_example (PbTestWindowFixture *fixture)
{
  PbWindow *window = pb_test_window_open (fixture);

  g_assert_cmpstr (pb_test_window_page (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-example", NULL));
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_profile (window) != NULL);
  pb_test_window_wait_idle (window);

  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, "Example");
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  pb_test_wait_for_draw (GTK_WIDGET (window));

  return window;
}

void
pb_test_window_wait_refreshed (PbWindow *window)
{
  pb_test_wait_for_signal (window, "refreshed");
}

void
pb_test_window_wait_idle (PbWindow *window)
{
  PB_TEST_WAIT_UNTIL (window, "notify::busy", !pb_window_get_busy (window));
}

GtkWidget *
pb_test_window_child (PbWindow   *window,
                      const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

const char *
pb_test_window_page (PbWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (pb_test_window_child (window, "main_stack")));
}

gboolean
pb_test_action_enabled (PbWindow   *window,
                        const char *name)
{
  GtkWidget *probe = gtk_button_new ();
  GtkWidget *parent = pb_test_window_child (window, "toast_overlay");
  gboolean enabled;

  /* Activating a disabled widget action still reports that it exists. */
  g_object_ref_sink (probe);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  gtk_widget_set_parent (probe, parent);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);

  return enabled;
}

GtkWidget *
pb_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pb_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkLabel *
pb_test_find_label (GtkWidget  *widget,
                    const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = pb_test_find_label (child, part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
pb_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : pb_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
pb_test_click_response (GtkWindow  *dialog,
                        const char *label)
{
  GtkWidget *button;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  button = pb_test_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

PbChoiceButton *
pb_test_status_chooser (PbWindow   *window,
                        const char *api_name)
{
  GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, api_name);

  g_assert_true (PB_IS_MAPPING_ROW (row));
  return pb_mapping_row_get_chooser (PB_MAPPING_ROW (row));
}

PbChoiceButton *
pb_test_state_chooser (PbWindow   *window,
                       const char *state_id)
{
  GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_STATE, state_id);

  g_assert_true (PB_IS_MAPPING_ROW (row));
  return pb_mapping_row_get_chooser (PB_MAPPING_ROW (row));
}

guint
pb_test_chooser_position (PbChoiceButton *chooser,
                          const char     *label)
{
  GListModel *model = pb_choice_button_get_model (chooser);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (string), label) == 0)
        return i;
    }

  g_error ("No entry “%s” in the drop-down", label);
  return GTK_INVALID_LIST_POSITION;
}

const char *
pb_test_chooser_text (PbChoiceButton *chooser)
{
  g_autoptr(GtkStringObject) selected = pb_choice_button_get_selected_item (chooser);

  return selected ? gtk_string_object_get_string (selected) : NULL;
}

guint
pb_test_count_findings (PbWindow   *window,
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

gboolean
pb_test_preview_contains (PbWindow   *window,
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

GtkWidget *
pb_test_focus (PbWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}
