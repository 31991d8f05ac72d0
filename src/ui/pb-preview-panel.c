/* pb-preview-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-core.h"
#include "pb-preview-panel.h"
#include "pb-ui-util.h"

struct _PbPreviewPanel
{
  GtkWidget parent_instance;

  GtkListView *list_view;
  GListStore  *events;
};

G_DEFINE_FINAL_TYPE (PbPreviewPanel, pb_preview_panel, GTK_TYPE_WIDGET)

static gboolean
event_equal (PbPreviewEvent *a,
             PbPreviewEvent *b)
{
  return pb_preview_event_get_kind (a) == pb_preview_event_get_kind (b) &&
         g_strcmp0 (pb_preview_event_get_trigger (a), pb_preview_event_get_trigger (b)) == 0 &&
         g_strcmp0 (pb_preview_event_get_outcome (a), pb_preview_event_get_outcome (b)) == 0 &&
         g_strcmp0 (pb_preview_event_get_subject_id (a), pb_preview_event_get_subject_id (b)) == 0;
}

/* One grid, no boxes: its wrapping labels are measured once per width. */
static void
event_setup_cb (PbPreviewPanel           *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *trigger = pb_ui_wrapping_label_new (-1, -1);
  GtkWidget *outcome = pb_ui_wrapping_label_new (-1, -1);

  gtk_widget_add_css_class (grid, "preview-event");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_add_css_class (trigger, "caption");
  gtk_widget_add_css_class (trigger, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), trigger, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), outcome, 0, 1, 1, 1);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, grid);
}

static void
event_bind_cb (PbPreviewPanel           *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  PbPreviewEvent *event = gtk_list_item_get_item (item);
  GtkWidget *grid = gtk_list_item_get_child (item);
  GtkWidget *trigger = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  GtkWidget *outcome = gtk_grid_get_child_at (GTK_GRID (grid), 0, 1);
  g_autofree char *trigger_text = pb_ui_dup_display_text (pb_preview_event_get_trigger (event));
  g_autofree char *outcome_text = pb_ui_dup_display_text (pb_preview_event_get_outcome (event));
  g_autofree char *spoken = NULL;

  gtk_label_set_label (GTK_LABEL (trigger), trigger_text);
  gtk_label_set_label (GTK_LABEL (outcome), outcome_text);

  /* Translators: an event of the preview read out: what happens, then what follows. */
  spoken = g_strdup_printf (_("%s: %s"), trigger_text, outcome_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  if (gtk_widget_get_parent (grid) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (grid)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                    -1);
}

void
pb_preview_panel_set_events (PbPreviewPanel *self,
                             GListModel     *events)
{
  g_return_if_fail (PB_IS_PREVIEW_PANEL (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  if (events == NULL)
    g_list_store_remove_all (self->events);
  else
    pb_ui_list_store_sync (self->events, events, (GEqualFunc)event_equal);
}

GListModel *
pb_preview_panel_get_events (PbPreviewPanel *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_PANEL (self), NULL);
  return G_LIST_MODEL (self->events);
}

static void
pb_preview_panel_dispose (GObject *object)
{
  PbPreviewPanel *self = (PbPreviewPanel *)object;

  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_PREVIEW_PANEL);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (pb_preview_panel_parent_class)->dispose (object);
}

static void
pb_preview_panel_class_init (PbPreviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_preview_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-preview-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPreviewPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, event_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, event_bind_cb);

  gtk_widget_class_set_css_name (widget_class, "pbpreviewpanel");
}

static void
pb_preview_panel_init (PbPreviewPanel *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->events = g_list_store_new (PB_TYPE_PREVIEW_EVENT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  pb_ui_list_view_leave_on_tab (GTK_WIDGET (self->list_view));
}

GtkWidget *
pb_preview_panel_new (void)
{
  return g_object_new (PB_TYPE_PREVIEW_PANEL, NULL);
}
