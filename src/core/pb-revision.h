/* pb-revision.h: one saved revision of a profile's configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Sources, as `history --json` prints them. */
#define PB_REVISION_SOURCE_SAVE    "save"
#define PB_REVISION_SOURCE_IMPORT  "import"
#define PB_REVISION_SOURCE_RESTORE "restore"
#define PB_REVISION_SOURCE_FETCH   "fetch"
#define PB_REVISION_SOURCE_PUBLISH "publish"
#define PB_REVISION_SOURCE_PROMOTE "promote"

#define PB_TYPE_REVISION (pb_revision_get_type ())

G_DECLARE_FINAL_TYPE (PbRevision, pb_revision, PB, REVISION, GObject)

PbRevision *pb_revision_new         (guint       number,
                                     GDateTime  *time,
                                     const char *source,
                                     const char *comment);
guint       pb_revision_get_number  (PbRevision *self);
GDateTime  *pb_revision_get_time    (PbRevision *self);
const char *pb_revision_get_source  (PbRevision *self);
const char *pb_revision_get_comment (PbRevision *self);
/* ISO 8601 UTC with a Z, seconds precision: "2026-11-24T12:00:00Z". */
char       *pb_revision_dup_time_string (PbRevision *self);

G_END_DECLS
