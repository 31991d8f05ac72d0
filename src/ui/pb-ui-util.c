/* pb-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-error.h"
#include "pb-ui-util.h"

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) ||   /* embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) ||   /* isolates */
         c == 0x200E || c == 0x200F || c == 0x061C;  /* marks */
}

static char *
dup_display_text (const char *text,
                  guint       max_chars)
{
  GString *shown;
  gboolean isolate = FALSE;
  gboolean plain = TRUE;
  guint n = 0;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n >= max_chars || g_unichar_iscntrl (c) || is_bidi_control (c))
        {
          plain = FALSE;
          break;
        }
    }
  if (plain)
    return g_strdup (text);

  shown = g_string_new (NULL);
  n = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (shown, "…");
          break;
        }

      if (c < 0x20)
        g_string_append_unichar (shown, 0x2400 + c);  /* ␀ … ␟ */
      else if (c == 0x7F)
        g_string_append_unichar (shown, 0x2421);      /* ␡ */
      else if (g_unichar_iscntrl (c))
        g_string_append_unichar (shown, 0xFFFD);
      else
        g_string_append_unichar (shown, c);

      isolate |= is_bidi_control (c);
    }

  if (isolate)
    {
      g_string_prepend_unichar (shown, 0x2068);  /* FIRST STRONG ISOLATE */
      g_string_append_unichar (shown, 0x2069);   /* POP DIRECTIONAL ISOLATE */
    }

  return g_string_free (shown, FALSE);
}

char *
pb_ui_dup_display_text (const char *text)
{
  return dup_display_text (text, PB_UI_DISPLAY_MAX_CHARS);
}

static GQuark
tooltip_quark (void)
{
  return g_quark_from_static_string ("pb-ui-tooltip");
}

/* A tooltip wraps anywhere, so that a name of 10,000 letters without a
 * space is a paragraph rather than a line wider than any surface; it
 * stops after PB_UI_TOOLTIP_MAX_CHARS characters (the accessible
 * description has them all). */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = pb_ui_get_tooltip (widget);
  g_autofree char *shown = NULL;
  GtkWidget *label;

  if (text == NULL)
    return FALSE;

  shown = dup_display_text (text, PB_UI_TOOLTIP_MAX_CHARS);
  label = gtk_label_new (shown);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

void
pb_ui_set_tooltip (GtkWidget  *widget,
                   const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gtk_widget_get_has_tooltip (widget))
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
    }

  if (g_strcmp0 (text, pb_ui_get_tooltip (widget)) != 0)
    g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), g_strdup (text), g_free);
}

const char *
pb_ui_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
}

static gboolean
items_equal (GListModel *a,
             guint       position_a,
             GListModel *b,
             guint       position_b,
             GEqualFunc  equal)
{
  g_autoptr(GObject) item_a = g_list_model_get_item (a, position_a);
  g_autoptr(GObject) item_b = g_list_model_get_item (b, position_b);

  return equal (item_a, item_b);
}

void
pb_ui_list_store_sync (GListStore *store,
                       GListModel *fresh,
                       GEqualFunc  equal)
{
  GListModel *old = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (fresh);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  while (prefix < n_old && prefix < n_new && items_equal (old, prefix, fresh, prefix, equal))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         items_equal (old, n_old - 1 - suffix, fresh, n_new - 1 - suffix, equal))
    suffix++;

  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));

  if (n_old - prefix - suffix > 0 || added->len > 0)
    g_list_store_splice (store, prefix, n_old - prefix - suffix, added->pdata, added->len);
}

static gboolean
leave_list_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (list);
  GtkDirectionType direction;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  /* While the list cannot take the focus, moving it skips the whole list. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved;
}

void
pb_ui_list_view_leave_on_tab (GtkWidget *list)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (list));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (leave_list_key_pressed_cb), NULL);
  gtk_widget_add_controller (list, controller);
}

void
pb_ui_dispose_template (GtkWidget *widget,
                        GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

GtkWidget *
pb_ui_cell_label_new (int width_chars,
                      int max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);

  return label;
}

GtkWidget *
pb_ui_wrapping_label_new (int width_chars,
                          int max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

void
pb_ui_set_row_accessible (GtkWidget  *row,
                          const char *label,
                          const char *description)
{
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (row));

  item = gtk_widget_get_parent (row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

typedef struct
{
  GFile            *file;
  PbUiLoadPathFunc  load;
  char             *not_local_message;
} LoadFile;

static void
load_file_free (gpointer data)
{
  LoadFile *load_file = data;

  g_clear_object (&load_file->file);
  g_free (load_file->not_local_message);
  g_free (load_file);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadFile *load_file = task_data;
  g_autofree char *path = g_file_get_path (load_file->file);
  GError *error = NULL;
  gpointer loaded;

  if (path == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_FILE, "%s", load_file->not_local_message);
      return;
    }

  loaded = load_file->load (path, &error);
  if (loaded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, loaded, g_object_unref);
}

void
pb_ui_load_file_async (gpointer             source_object,
                       GFile               *file,
                       PbUiLoadPathFunc     load,
                       const char          *not_local_message,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadFile *load_file;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (load != NULL);

  load_file = g_new0 (LoadFile, 1);
  load_file->file = g_object_ref (file);
  load_file->load = load;
  load_file->not_local_message = g_strdup (not_local_message);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_ui_load_file_async);
  g_task_set_task_data (task, load_file, load_file_free);
  g_task_run_in_thread (task, load_file_thread);
}

gpointer
pb_ui_load_file_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_ui_load_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GtkWidget *
pb_ui_check_row_new (const char *check_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = pb_ui_cell_label_new (16, 40);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);

  return box;
}

void
pb_ui_check_row_set (GtkWidget  *row,
                     const char *text,
                     gboolean    checked)
{
  GtkWidget *label = gtk_widget_get_first_child (row);

  gtk_label_set_label (GTK_LABEL (label), text);
  pb_ui_set_tooltip (label, text);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (label), checked);
}

const char *
pb_ui_severity_name (PbSeverity severity)
{
  switch (severity)
    {
    case PB_SEVERITY_ERROR:
      return _("Error");
    case PB_SEVERITY_WARNING:
      return _("Warning");
    case PB_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

void
pb_ui_set_severity_image (GtkImage   *image,
                          PbSeverity  severity)
{
  static const char * const classes[] = { "error", "warning", "accent" };
  static const char * const icons[] = { "dialog-error-symbolic", "dialog-warning-symbolic",
                                        "dialog-information-symbolic" };
  guint index = MIN ((guint)severity, G_N_ELEMENTS (classes) - 1);

  g_return_if_fail (GTK_IS_IMAGE (image));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (image), classes[index]);
  gtk_image_set_from_icon_name (image, icons[index]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pb_ui_severity_name (severity),
                                  -1);
}
