/* pb-preview-event.h: one plain-language event of the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PB_PREVIEW_EVENT_FIXED,    /* behaviour of the integration, not configurable */
  PB_PREVIEW_EVENT_PRESENCE, /* an agent picks a presence status */
  PB_PREVIEW_EVENT_STATE,    /* the ContactPad state changes */
  PB_PREVIEW_EVENT_REVERT,   /* what happens after an interaction */
} PbPreviewEventKind;

#define PB_TYPE_PREVIEW_EVENT_KIND (pb_preview_event_kind_get_type ())

GType pb_preview_event_kind_get_type (void) G_GNUC_CONST;

#define PB_TYPE_PREVIEW_EVENT (pb_preview_event_get_type ())

G_DECLARE_FINAL_TYPE (PbPreviewEvent, pb_preview_event, PB, PREVIEW_EVENT, GObject)

PbPreviewEvent     *pb_preview_event_new         (PbPreviewEventKind  kind,
                                                  const char         *trigger,
                                                  const char         *outcome,
                                                  const char         *subject_id);
PbPreviewEventKind  pb_preview_event_get_kind    (PbPreviewEvent     *self);
const char         *pb_preview_event_get_trigger (PbPreviewEvent     *self);
const char         *pb_preview_event_get_outcome (PbPreviewEvent     *self);
/* API name or state id the event is about, or NULL. */
const char         *pb_preview_event_get_subject_id (PbPreviewEvent  *self);
/* "trigger → outcome", as the CLI prints it. */
char               *pb_preview_event_to_string   (PbPreviewEvent     *self);
gboolean            pb_preview_event_equal       (PbPreviewEvent     *a,
                                                  PbPreviewEvent     *b);

G_END_DECLS
