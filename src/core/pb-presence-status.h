/* pb-presence-status.h: one Salesforce Omni-Channel presence status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_TYPE_PRESENCE_STATUS (pb_presence_status_get_type ())

G_DECLARE_FINAL_TYPE (PbPresenceStatus, pb_presence_status, PB, PRESENCE_STATUS, GObject)

PbPresenceStatus   *pb_presence_status_new           (const char         *api_name,
                                                      const char         *label,
                                                      const char         *record_id,
                                                      const char * const *channels);
const char         *pb_presence_status_get_api_name  (PbPresenceStatus   *self);
const char         *pb_presence_status_get_label     (PbPresenceStatus   *self);
const char         *pb_presence_status_get_record_id (PbPresenceStatus   *self);
const char * const *pb_presence_status_get_channels  (PbPresenceStatus   *self);
gboolean            pb_presence_status_is_online     (PbPresenceStatus   *self);
gboolean            pb_presence_status_equal         (PbPresenceStatus   *a,
                                                      PbPresenceStatus   *b);

G_END_DECLS
