/* pb-sandbox-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sandbox-faults.h"

#include <string.h>

#include "pb-error.h"
#include "pb-sandbox-reply.h"
#include "pb-sandbox-routes.h"

/* A fault is refused when its kind makes no sense for its endpoint, so a
 * typo in a test fails loudly instead of silently never firing. */
static const struct {
  PbSandboxFaultKind  kind;
  const char         *name;
  gboolean            takes_value;
  const char * const  endpoints[10]; /* besides "any"; empty: every endpoint */
} kinds[] = {
  { PB_SANDBOX_FAULT_LATENCY, "latency", TRUE, { NULL } },
  { PB_SANDBOX_FAULT_STATUS, "status", TRUE, { NULL } },
  { PB_SANDBOX_FAULT_RATE_LIMIT, "rate-limit", TRUE, { NULL } },
  { PB_SANDBOX_FAULT_UNAVAILABLE, "unavailable", TRUE, { NULL } },
  { PB_SANDBOX_FAULT_MALFORMED, "malformed", FALSE, { NULL } },
  { PB_SANDBOX_FAULT_TRUNCATED, "truncated", FALSE, { NULL } },
  { PB_SANDBOX_FAULT_EXPIRED_TOKEN, "expired-token", FALSE,
    { "account", "agent-states", "presence-statuses", "refresh", "configuration-get", "configuration-put",
      "query", "identity", NULL } },
  { PB_SANDBOX_FAULT_CONFLICT, "conflict", FALSE, { "configuration-put", NULL } },
  { PB_SANDBOX_FAULT_REFUSE, "refuse", FALSE, { "configuration-put", NULL } },
  { PB_SANDBOX_FAULT_FEATURE_OFF, "feature-off", FALSE,
    { "account", "configuration-get", "configuration-put", NULL } },
  { PB_SANDBOX_FAULT_NO_DEVELOPERNAME, "no-developername", FALSE, { "query", NULL } },
};

typedef struct
{
  char               *endpoint;
  PbSandboxFaultKind  kind;
  guint               value;
  int                 count; /* -1: every request */
} Fault;

struct _PbSandboxFaults
{
  GObject    parent_instance;

  GPtrArray *faults; /* Fault, oldest first */
};

G_DEFINE_FINAL_TYPE (PbSandboxFaults, pb_sandbox_faults, G_TYPE_OBJECT)

static void
fault_free (Fault *fault)
{
  g_free (fault->endpoint);
  g_free (fault);
}

static void
pb_sandbox_faults_finalize (GObject *object)
{
  PbSandboxFaults *self = PB_SANDBOX_FAULTS (object);

  g_clear_pointer (&self->faults, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sandbox_faults_parent_class)->finalize (object);
}

static void
pb_sandbox_faults_class_init (PbSandboxFaultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_faults_finalize;
}

static void
pb_sandbox_faults_init (PbSandboxFaults *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify)fault_free);
}

PbSandboxFaults *
pb_sandbox_faults_new (void)
{
  return g_object_new (PB_TYPE_SANDBOX_FAULTS, NULL);
}

static int
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      return i;

  return -1;
}

static gboolean
kind_fits_endpoint (guint       k,
                    const char *endpoint)
{
  if (g_str_equal (endpoint, PB_SANDBOX_FAULT_ANY_ENDPOINT) || kinds[k].endpoints[0] == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *)kinds[k].endpoints, endpoint);
}

static gboolean
set_fault_error (GError     **error,
                 const char  *what,
                 const char  *text)
{
  g_set_error (error, PB_ERROR, PB_ERROR_FAILED, "%s “%s”", what, text);
  return FALSE;
}

/* Checks and adds one fault; @value_text NULL when none was given. */
static gboolean
add_fault (PbSandboxFaults  *self,
           const char       *endpoint,
           const char       *kind_name,
           const char       *value_text,
           gint64            count,
           GError          **error)
{
  Fault *fault;
  guint64 value = 0;
  int k;

  if (!g_str_equal (endpoint, PB_SANDBOX_FAULT_ANY_ENDPOINT) && !pb_sandbox_routes_has_endpoint (endpoint))
    return set_fault_error (error, "unknown endpoint", endpoint);

  k = find_kind (kind_name);
  if (k < 0)
    return set_fault_error (error, "unknown fault kind", kind_name);
  if (!kind_fits_endpoint (k, endpoint))
    return set_fault_error (error, "this fault does not apply to the endpoint", endpoint);

  if (kinds[k].takes_value)
    {
      /* Milliseconds, an HTTP status or seconds: a day is plenty. */
      if (value_text == NULL ||
          !g_ascii_string_to_unsigned (value_text, 10, 0, 86400000, &value, NULL))
        return set_fault_error (error, "expected a number after “=” for", kind_name);
      if (kinds[k].kind == PB_SANDBOX_FAULT_STATUS && (value < 400 || value > 599))
        return set_fault_error (error, "status faults take an HTTP error status (400–599), not", value_text);
    }
  else if (value_text != NULL)
    {
      return set_fault_error (error, "this fault takes no value:", kind_name);
    }

  if (count == 0 || count < -1 || count > G_MAXINT)
    return set_fault_error (error, "the count must be a positive number for", kind_name);

  fault = g_new0 (Fault, 1);
  fault->endpoint = g_strdup (endpoint);
  fault->kind = kinds[k].kind;
  fault->value = (guint)value;
  fault->count = (int)count;
  g_ptr_array_add (self->faults, fault);

  return TRUE;
}

gboolean
pb_sandbox_faults_add_spec (PbSandboxFaults  *self,
                            const char       *spec,
                            GError          **error)
{
  g_autofree char *text = g_strdup (spec);
  char *colon, *star, *equals;
  const char *value_text = NULL;
  guint64 count = 0;

  g_return_val_if_fail (PB_IS_SANDBOX_FAULTS (self), FALSE);

  colon = strchr (text, ':');
  if (colon == NULL)
    return set_fault_error (error, "expected ENDPOINT:KIND[=VALUE][*COUNT], not", spec);
  *colon = '\0';

  star = strchr (colon + 1, '*');
  if (star != NULL)
    {
      *star = '\0';
      if (!g_ascii_string_to_unsigned (star + 1, 10, 1, G_MAXINT, &count, NULL))
        return set_fault_error (error, "expected a positive count after “*” in", spec);
    }

  equals = strchr (colon + 1, '=');
  if (equals != NULL)
    {
      *equals = '\0';
      value_text = equals + 1;
    }

  return add_fault (self, text, colon + 1, value_text, star != NULL ? (gint64)count : -1, error);
}

gboolean
pb_sandbox_faults_add_json (PbSandboxFaults  *self,
                            JsonNode         *node,
                            GError          **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *endpoint = pb_sandbox_json_get_string (object, "endpoint");
  const char *kind = pb_sandbox_json_get_string (object, "kind");
  JsonNode *value_node = object != NULL ? json_object_get_member (object, "value") : NULL;
  JsonNode *count_node = object != NULL ? json_object_get_member (object, "count") : NULL;
  g_autofree char *value_text = NULL;
  gint64 value = 0, count = -1;

  g_return_val_if_fail (PB_IS_SANDBOX_FAULTS (self), FALSE);

  if (endpoint == NULL || kind == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_FAILED,
                           "expected an object with endpoint and kind (and value and count where they apply)");
      return FALSE;
    }

  if (value_node != NULL && !JSON_NODE_HOLDS_NULL (value_node))
    {
      if (!pb_sandbox_json_get_int (object, "value", &value) || value < 0)
        return set_fault_error (error, "value must be a number for", kind);
      value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }

  if (count_node != NULL && !JSON_NODE_HOLDS_NULL (count_node) &&
      (!pb_sandbox_json_get_int (object, "count", &count) || count < 1))
    return set_fault_error (error, "count must be a positive number (or null for every request) for", kind);

  return add_fault (self, endpoint, kind, value_text, count, error);
}

gboolean
pb_sandbox_faults_take (PbSandboxFaults    *self,
                        const char         *endpoint,
                        PbSandboxFaultKind  wanted,
                        PbSandboxFaultKind *kind,
                        guint              *value)
{
  g_return_val_if_fail (PB_IS_SANDBOX_FAULTS (self), FALSE);

  if (endpoint == NULL)
    return FALSE;

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if ((fault->kind & wanted) == 0 ||
          !(g_str_equal (fault->endpoint, endpoint) || g_str_equal (fault->endpoint, PB_SANDBOX_FAULT_ANY_ENDPOINT)))
        continue;

      *kind = fault->kind;
      *value = fault->value;
      if (fault->count > 0 && --fault->count == 0)
        g_ptr_array_remove_index (self->faults, i);

      return TRUE;
    }

  return FALSE;
}

void
pb_sandbox_faults_clear (PbSandboxFaults *self)
{
  g_return_if_fail (PB_IS_SANDBOX_FAULTS (self));

  g_ptr_array_set_size (self->faults, 0);
}

JsonNode *
pb_sandbox_faults_to_json (PbSandboxFaults *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (PB_IS_SANDBOX_FAULTS (self), NULL);

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "endpoint", fault->endpoint);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (kinds[k].kind == fault->kind)
          {
            json_object_set_string_member (entry, "kind", kinds[k].name);
            if (kinds[k].takes_value)
              json_object_set_int_member (entry, "value", fault->value);
            else
              json_object_set_null_member (entry, "value");
          }
      if (fault->count > 0)
        json_object_set_int_member (entry, "count", fault->count);
      else
        json_object_set_null_member (entry, "count");
      json_array_add_object_element (array, entry);
    }

  json_object_set_array_member (object, "faults", g_steal_pointer (&array));
  json_node_set_object (node, object);
  return node;
}
