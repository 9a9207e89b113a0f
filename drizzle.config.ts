import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './workers/api/src/store/schema.ts',
  out: './migrations',
});
