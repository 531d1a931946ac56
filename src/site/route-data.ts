/**
 * Starlight route middleware (`routeMiddleware` in the site config): previous/next links follow the book's
 * reading order (see readingOrderPagination), so contributor pages stay out of it.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { readingOrderPagination } from './sidebar.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  route.pagination = readingOrderPagination(route.sidebar, route.pagination);
});
