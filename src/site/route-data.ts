/**
 * Starlight route middleware (`routeMiddleware` in the site config): previous/next links follow the book's
 * reading order (see readingOrderPagination), so contributor pages stay out of it; and with BOOK_REPO_URL
 * each page gets the date of the last commit to its source (Starlight's own lookup never sees chapters/).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import lastUpdated from 'virtual:book/last-updated';
import { readingOrderPagination } from './sidebar.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  route.pagination = readingOrderPagination(route.sidebar, route.pagination);
  const time = lastUpdated[route.entry.filePath];
  if (time !== undefined) route.lastUpdated = new Date(time);
});
