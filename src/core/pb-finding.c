/* pb-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-finding.h"

#include <string.h>

/* The checks run on every edit of the window and may report thousands of
 * findings, so a finding costs two allocations: the instance, and one block
 * holding its four strings. The properties are read-only, which also keeps
 * g_object_new() on its fast path. */
struct _PbFinding
{
  GObject parent_instance;

  const char *code;
  PbSeverity severity;
  PbSubject subject;
  char *strings;
  const char *path;
  const char *message;
  const char *subject_id;
};

G_DEFINE_FINAL_TYPE (PbFinding, pb_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbSeverity, pb_severity,
  G_DEFINE_ENUM_VALUE (PB_SEVERITY_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (PB_SEVERITY_WARNING, "warning"),
  G_DEFINE_ENUM_VALUE (PB_SEVERITY_INFO, "info"))

G_DEFINE_ENUM_TYPE (PbSubject, pb_subject,
  G_DEFINE_ENUM_VALUE (PB_SUBJECT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PB_SUBJECT_PRESENCE, "presence"),
  G_DEFINE_ENUM_VALUE (PB_SUBJECT_STATE, "state"),
  G_DEFINE_ENUM_VALUE (PB_SUBJECT_SWITCHES, "switches"))

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_PATH,
  PROP_MESSAGE,
  PROP_SUBJECT,
  PROP_SUBJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_finding_finalize (GObject *object)
{
  PbFinding *self = (PbFinding *)object;

  g_clear_pointer (&self->strings, g_free);

  G_OBJECT_CLASS (pb_finding_parent_class)->finalize (object);
}

static void
pb_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbFinding *self = PB_FINDING (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SUBJECT:
      g_value_set_enum (value, self->subject);
      break;
    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_finding_class_init (PbFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_finding_finalize;
  object_class->get_property = pb_finding_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, PB_TYPE_SEVERITY, PB_SEVERITY_ERROR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] =
    g_param_spec_enum ("subject", NULL, NULL, PB_TYPE_SUBJECT, PB_SUBJECT_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_ID] =
    g_param_spec_string ("subject-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_finding_init (PbFinding *self)
{
}

PbFinding *
pb_finding_new (const char *code,
                PbSeverity  severity,
                const char *path,
                const char *message,
                PbSubject   subject,
                const char *subject_id)
{
  PbFinding *self;
  gsize code_size, path_size, message_size, subject_id_size;
  char *p;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  code_size = strlen (code) + 1;
  path_size = strlen (path) + 1;
  message_size = strlen (message) + 1;
  subject_id_size = subject_id != NULL ? strlen (subject_id) + 1 : 0;

  self = g_object_new (PB_TYPE_FINDING, NULL);
  self->severity = severity;
  self->subject = subject;

  p = self->strings = g_malloc (code_size + path_size + message_size + subject_id_size);
  self->code = memcpy (p, code, code_size);
  p += code_size;
  self->path = memcpy (p, path, path_size);
  p += path_size;
  self->message = memcpy (p, message, message_size);
  p += message_size;
  if (subject_id != NULL)
    self->subject_id = memcpy (p, subject_id, subject_id_size);

  return self;
}

const char *
pb_finding_get_code (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), NULL);
  return self->code;
}

PbSeverity
pb_finding_get_severity (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), PB_SEVERITY_ERROR);
  return self->severity;
}

const char *
pb_finding_get_path (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), NULL);
  return self->path;
}

const char *
pb_finding_get_message (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), NULL);
  return self->message;
}

PbSubject
pb_finding_get_subject (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), PB_SUBJECT_NONE);
  return self->subject;
}

const char *
pb_finding_get_subject_id (PbFinding *self)
{
  g_return_val_if_fail (PB_IS_FINDING (self), NULL);
  return self->subject_id;
}

/* Stable, untranslated: the severity as scripts read it. */
const char *
pb_severity_to_string (PbSeverity severity)
{
  switch (severity)
    {
    case PB_SEVERITY_ERROR:
      return "error";
    case PB_SEVERITY_WARNING:
      return "warning";
    case PB_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pb_finding_equal (PbFinding *a,
                  PbFinding *b)
{
  g_return_val_if_fail (PB_IS_FINDING (a), FALSE);
  g_return_val_if_fail (PB_IS_FINDING (b), FALSE);

  return a->severity == b->severity &&
         a->subject == b->subject &&
         g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->subject_id, b->subject_id) == 0;
}
