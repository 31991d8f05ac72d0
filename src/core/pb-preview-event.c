/* pb-preview-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-preview-event.h"
