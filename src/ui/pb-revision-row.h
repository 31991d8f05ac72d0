/* pb-revision-row.h: how the history shows a revision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

/* "Saved", "Imported"… for a revision's source; an unknown source (a newer
 * version wrote it) as it is. */
const char *pb_revision_source_label   (const char *source);
/* When @revision was recorded, in local time; "" when unknown. */
char       *pb_revision_dup_local_time (PbRevision *revision);

/* A row of the revision list: number, source, time and comment, named for
 * a screen reader; pb_revision_row_set() shows a revision in it. */
GtkWidget  *pb_revision_row_new        (void);
void        pb_revision_row_set        (GtkWidget  *row,
                                        PbRevision *revision);

G_END_DECLS
