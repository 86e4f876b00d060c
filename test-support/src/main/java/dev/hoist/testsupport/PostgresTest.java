package dev.hoist.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh, empty database on a real PostgreSQL server.
 * Declare a {@link TestDatabase} parameter on a test method, a lifecycle method or the
 * constructor to receive it. The database is dropped after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {

}
