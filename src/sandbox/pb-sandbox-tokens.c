/* pb-sandbox-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sandbox-tokens.h"

#include "pb-error.h"
#include "pb-sandbox-reply.h"

/* Expired tokens are remembered this long, so that using one gets
 * "expired" rather than "unknown" in the sandbox's log. */
#define FORGET_AFTER_SECONDS (24 * 60 * 60)

typedef struct
{
  PbSandboxTokenKind  kind;
  char               *client;
  gint64              expires; /* Unix microseconds, so a one-second lifetime is one second; 0: never */
} Token;

struct _PbSandboxTokens
{
  GObject     parent_instance;

  GHashTable *tokens; /* SHA-256 hex → Token */
};

G_DEFINE_FINAL_TYPE (PbSandboxTokens, pb_sandbox_tokens, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const kind_names[] = {
  [PB_SANDBOX_TOKEN_PLATFORM_ACCESS] = "platform-access",
  [PB_SANDBOX_TOKEN_SALESFORCE_ACCESS] = "salesforce-access",
  [PB_SANDBOX_TOKEN_SALESFORCE_REFRESH] = "salesforce-refresh",
};

static void
token_free (Token *token)
{
  g_free (token->client);
  g_free (token);
}

static void
pb_sandbox_tokens_finalize (GObject *object)
{
  PbSandboxTokens *self = PB_SANDBOX_TOKENS (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);

  G_OBJECT_CLASS (pb_sandbox_tokens_parent_class)->finalize (object);
}

static void
pb_sandbox_tokens_class_init (PbSandboxTokensClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_tokens_finalize;

  /**
   * PbSandboxTokens::changed:
   *
   * A token was issued, expired or revoked.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_sandbox_tokens_init (PbSandboxTokens *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)token_free);
}

PbSandboxTokens *
pb_sandbox_tokens_new (void)
{
  return g_object_new (PB_TYPE_SANDBOX_TOKENS, NULL);
}

static gboolean
is_forgotten (gpointer key,
              gpointer value,
              gpointer user_data)
{
  Token *token = value;
  gint64 now = *(gint64 *)user_data;

  return token->expires != 0 && token->expires + (gint64)FORGET_AFTER_SECONDS * G_USEC_PER_SEC < now;
}

char *
pb_sandbox_tokens_issue (PbSandboxTokens    *self,
                         PbSandboxTokenKind  kind,
                         const char         *client,
                         const char         *prefix,
                         guint               lifetime)
{
  g_autofree char *secret = pb_sandbox_random_string (32);
  char *token = g_strconcat (prefix != NULL ? prefix : "", secret, NULL);
  Token *entry = g_new0 (Token, 1);
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (PB_IS_SANDBOX_TOKENS (self), NULL);

  g_hash_table_foreach_remove (self->tokens, is_forgotten, &now);

  entry->kind = kind;
  entry->client = g_strdup (client);
  entry->expires = lifetime > 0 ? now + (gint64)lifetime * G_USEC_PER_SEC : 0;
  g_hash_table_insert (self->tokens, pb_sandbox_sha256 (token), entry);

  g_signal_emit (self, signals[CHANGED], 0);
  return token;
}

PbSandboxTokenStatus
pb_sandbox_tokens_check (PbSandboxTokens    *self,
                         PbSandboxTokenKind  kind,
                         const char         *client,
                         const char         *token)
{
  g_autofree char *digest = NULL;
  Token *entry;

  g_return_val_if_fail (PB_IS_SANDBOX_TOKENS (self), PB_SANDBOX_TOKEN_UNKNOWN);

  if (token == NULL)
    return PB_SANDBOX_TOKEN_UNKNOWN;

  digest = pb_sandbox_sha256 (token);
  entry = g_hash_table_lookup (self->tokens, digest);
  if (entry == NULL || entry->kind != kind || (client != NULL && g_strcmp0 (client, entry->client) != 0))
    return PB_SANDBOX_TOKEN_UNKNOWN;

  if (entry->expires != 0 && entry->expires <= g_get_real_time ())
    return PB_SANDBOX_TOKEN_EXPIRED;

  return PB_SANDBOX_TOKEN_VALID;
}

void
pb_sandbox_tokens_expire_access (PbSandboxTokens *self)
{
  GHashTableIter iter;
  Token *entry;
  gint64 now = g_get_real_time ();

  g_return_if_fail (PB_IS_SANDBOX_TOKENS (self));

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    if (entry->kind != PB_SANDBOX_TOKEN_SALESFORCE_REFRESH)
      entry->expires = now;

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
is_refresh_token (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  return ((Token *)value)->kind == PB_SANDBOX_TOKEN_SALESFORCE_REFRESH;
}

void
pb_sandbox_tokens_revoke_refresh (PbSandboxTokens *self)
{
  g_return_if_fail (PB_IS_SANDBOX_TOKENS (self));

  g_hash_table_foreach_remove (self->tokens, is_refresh_token, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pb_sandbox_tokens_clear (PbSandboxTokens *self)
{
  g_return_if_fail (PB_IS_SANDBOX_TOKENS (self));

  g_hash_table_remove_all (self->tokens);
  g_signal_emit (self, signals[CHANGED], 0);
}

JsonNode *
pb_sandbox_tokens_to_json (PbSandboxTokens *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GList) keys = NULL;
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (PB_IS_SANDBOX_TOKENS (self), NULL);

  /* Sorted, so that the state file only changes when tokens do. */
  keys = g_list_sort (g_hash_table_get_keys (self->tokens), (GCompareFunc)g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      Token *entry = g_hash_table_lookup (self->tokens, l->data);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "sha256", l->data);
      json_object_set_string_member (object, "kind", kind_names[entry->kind]);
      json_object_set_string_member (object, "client", entry->client);
      json_object_set_int_member (object, "expires", entry->expires);
      json_array_add_object_element (array, object);
    }

  json_node_set_array (node, array);
  return node;
}

gboolean
pb_sandbox_tokens_load_json (PbSandboxTokens  *self,
                             JsonNode         *node,
                             GError          **error)
{
  JsonArray *array;

  g_return_val_if_fail (PB_IS_SANDBOX_TOKENS (self), FALSE);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE, "tokens: expected an array");
      return FALSE;
    }

  g_hash_table_remove_all (self->tokens);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *digest = pb_sandbox_json_get_string (object, "sha256");
      const char *kind = pb_sandbox_json_get_string (object, "kind");
      const char *client = pb_sandbox_json_get_string (object, "client");
      gint64 expires = 0;
      Token *entry;
      guint k;

      for (k = 0; k < G_N_ELEMENTS (kind_names); k++)
        if (g_strcmp0 (kind, kind_names[k]) == 0)
          break;

      if (digest == NULL || k == G_N_ELEMENTS (kind_names) || client == NULL ||
          !pb_sandbox_json_get_int (object, "expires", &expires))
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                       "tokens[%u]: expected sha256, a known kind, client and expires", i);
          return FALSE;
        }

      entry = g_new0 (Token, 1);
      entry->kind = k;
      entry->client = g_strdup (client);
      entry->expires = expires;
      g_hash_table_insert (self->tokens, g_strdup (digest), entry);
    }

  return TRUE;
}
