/* pb-preview-panel.h: what the mapping does, event by event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_PREVIEW_PANEL (pb_preview_panel_get_type ())

G_DECLARE_FINAL_TYPE (PbPreviewPanel, pb_preview_panel, PB, PREVIEW_PANEL, GtkWidget)

/* The preview's events, each as what happens (dimmed) over what follows.
 * Updated in place: only the events that changed are rebound. One Tab
 * stop; the arrows read through the events. */
GtkWidget  *pb_preview_panel_new        (void);
/* @events: PbPreviewEvent, as pb_preview_build() returns them. */
void        pb_preview_panel_set_events (PbPreviewPanel *self,
                                         GListModel     *events);
/* The events shown (a model of PbPreviewEvent). */
GListModel *pb_preview_panel_get_events (PbPreviewPanel *self);

G_END_DECLS
