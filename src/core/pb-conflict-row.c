/* pb-conflict-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-conflict-row.h"

struct _PbConflictRow
{
  GObject parent_instance;

  PbConflictRowKind kind;
  char *key;
  char *path;
  char *label;
  char *base_value;
  char *local_value;
  char *remote_value;
  PbConflictChanges changes;
  PbConflictSide choice;
};

G_DEFINE_FINAL_TYPE (PbConflictRow, pb_conflict_row, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbConflictRowKind, pb_conflict_row_kind,
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_ROW_PRESENCE, "presence"),
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_ROW_STATE, "state"),
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_ROW_REVERT, "revert"))

G_DEFINE_ENUM_TYPE (PbConflictSide, pb_conflict_side,
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_SIDE_LOCAL, "local"),
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_SIDE_REMOTE, "remote"))

G_DEFINE_FLAGS_TYPE (PbConflictChanges, pb_conflict_changes,
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_CHANGED_LOCAL, "local"),
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_CHANGED_REMOTE, "remote"),
  G_DEFINE_ENUM_VALUE (PB_CONFLICT_CHANGED_BOTH, "both"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_KEY,
  PROP_PATH,
  PROP_LABEL,
  PROP_BASE_VALUE,
  PROP_LOCAL_VALUE,
  PROP_REMOTE_VALUE,
  PROP_CHANGES,
  PROP_CHOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_conflict_row_finalize (GObject *object)
{
  PbConflictRow *self = (PbConflictRow *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->base_value, g_free);
  g_clear_pointer (&self->local_value, g_free);
  g_clear_pointer (&self->remote_value, g_free);

  G_OBJECT_CLASS (pb_conflict_row_parent_class)->finalize (object);
}

static void
pb_conflict_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbConflictRow *self = PB_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_BASE_VALUE:
      g_value_set_string (value, self->base_value);
      break;
    case PROP_LOCAL_VALUE:
      g_value_set_string (value, self->local_value);
      break;
    case PROP_REMOTE_VALUE:
      g_value_set_string (value, self->remote_value);
      break;
    case PROP_CHANGES:
      g_value_set_flags (value, self->changes);
      break;
    case PROP_CHOICE:
      g_value_set_enum (value, self->choice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_conflict_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbConflictRow *self = PB_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHOICE:
      pb_conflict_row_set_choice (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_conflict_row_class_init (PbConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_conflict_row_finalize;
  object_class->get_property = pb_conflict_row_get_property;
  object_class->set_property = pb_conflict_row_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PB_TYPE_CONFLICT_ROW_KIND, PB_CONFLICT_ROW_PRESENCE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_VALUE] =
    g_param_spec_string ("base-value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCAL_VALUE] =
    g_param_spec_string ("local-value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_VALUE] =
    g_param_spec_string ("remote-value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGES] =
    g_param_spec_flags ("changes", NULL, NULL, PB_TYPE_CONFLICT_CHANGES, PB_CONFLICT_CHANGED_BOTH,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PbConflictRow:choice:
   *
   * Which side's value the merge takes for this row.
   */
  properties[PROP_CHOICE] =
    g_param_spec_enum ("choice", NULL, NULL, PB_TYPE_CONFLICT_SIDE, PB_CONFLICT_SIDE_LOCAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_conflict_row_init (PbConflictRow *self)
{
}

PbConflictRow *
pb_conflict_row_new (PbConflictRowKind  kind,
                     const char        *key,
                     const char        *path,
                     const char        *label,
                     const char        *base_value,
                     const char        *local_value,
                     const char        *remote_value,
                     PbConflictChanges  changes)
{
  PbConflictRow *self;

  g_return_val_if_fail ((key == NULL) == (kind == PB_CONFLICT_ROW_REVERT), NULL);
  g_return_val_if_fail (path != NULL && label != NULL, NULL);
  g_return_val_if_fail (local_value != NULL && remote_value != NULL, NULL);
  g_return_val_if_fail ((changes & PB_CONFLICT_CHANGED_BOTH) != 0, NULL);

  self = g_object_new (PB_TYPE_CONFLICT_ROW, NULL);
  self->kind = kind;
  self->key = g_strdup (key);
  self->path = g_strdup (path);
  self->label = g_strdup (label);
  self->base_value = g_strdup (base_value);
  self->local_value = g_strdup (local_value);
  self->remote_value = g_strdup (remote_value);
  self->changes = changes & PB_CONFLICT_CHANGED_BOTH;
  /* The administrator's own edit wins unless only the platform's side
   * moved: then there is nothing of theirs to keep. */
  self->choice = self->changes == PB_CONFLICT_CHANGED_REMOTE ? PB_CONFLICT_SIDE_REMOTE : PB_CONFLICT_SIDE_LOCAL;

  return self;
}

PbConflictRowKind
pb_conflict_row_get_kind (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), PB_CONFLICT_ROW_PRESENCE);
  return self->kind;
}

const char *
pb_conflict_row_get_key (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->key;
}

const char *
pb_conflict_row_get_path (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->path;
}

const char *
pb_conflict_row_get_label (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->label;
}

const char *
pb_conflict_row_get_base_value (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->base_value;
}

const char *
pb_conflict_row_get_local_value (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->local_value;
}

const char *
pb_conflict_row_get_remote_value (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), NULL);
  return self->remote_value;
}

PbConflictChanges
pb_conflict_row_get_changes (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), PB_CONFLICT_CHANGED_BOTH);
  return self->changes;
}

PbConflictSide
pb_conflict_row_get_choice (PbConflictRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_ROW (self), PB_CONFLICT_SIDE_LOCAL);
  return self->choice;
}

void
pb_conflict_row_set_choice (PbConflictRow  *self,
                            PbConflictSide  choice)
{
  g_return_if_fail (PB_IS_CONFLICT_ROW (self));
  g_return_if_fail (choice == PB_CONFLICT_SIDE_LOCAL || choice == PB_CONFLICT_SIDE_REMOTE);

  if (self->choice == choice)
    return;

  self->choice = choice;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICE]);
}
