-- Long enough for a second instance to see the database behind its head.
SELECT pg_sleep(3);
