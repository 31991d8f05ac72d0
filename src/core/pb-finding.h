/* pb-finding.h: one result of the checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PB_SEVERITY_ERROR,
  PB_SEVERITY_WARNING,
  PB_SEVERITY_INFO,
} PbSeverity;

/* What a finding is about, so a view can scroll to the row at fault. */
typedef enum
{
  PB_SUBJECT_NONE,
  PB_SUBJECT_PRESENCE, /* subject_id is an API name */
  PB_SUBJECT_STATE,    /* subject_id is a state id */
  PB_SUBJECT_SWITCHES, /* revert to last status / post-call state */
} PbSubject;

#define PB_TYPE_SEVERITY (pb_severity_get_type ())
#define PB_TYPE_SUBJECT  (pb_subject_get_type ())

GType pb_severity_get_type (void) G_GNUC_CONST;
GType pb_subject_get_type  (void) G_GNUC_CONST;

#define PB_TYPE_FINDING (pb_finding_get_type ())

G_DECLARE_FINAL_TYPE (PbFinding, pb_finding, PB, FINDING, GObject)

/* @code and @path are stable (scripts rely on them, never translated);
 * @message is for people, already translated. */
PbFinding  *pb_finding_new            (const char *code,
                                       PbSeverity  severity,
                                       const char *path,
                                       const char *message,
                                       PbSubject   subject,
                                       const char *subject_id);
const char *pb_finding_get_code       (PbFinding  *self);
PbSeverity  pb_finding_get_severity   (PbFinding  *self);
const char *pb_finding_get_path       (PbFinding  *self);
const char *pb_finding_get_message    (PbFinding  *self);
PbSubject   pb_finding_get_subject    (PbFinding  *self);
const char *pb_finding_get_subject_id (PbFinding  *self);

/* Same code, severity, path, message and subject. */
gboolean    pb_finding_equal          (PbFinding  *a,
                                       PbFinding  *b);

const char *pb_severity_to_string     (PbSeverity  severity);

G_END_DECLS
