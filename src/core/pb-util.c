/* pb-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-util.h"

#include <string.h>

gboolean
pb_set_str (char       **str_pointer,
            const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

int
pb_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

GPtrArray *
pb_list_model_to_array (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

gboolean
pb_unichar_is_unsafe (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}
