/* pb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-error.h"

G_DEFINE_QUARK (pb-error-quark, pb_error)
