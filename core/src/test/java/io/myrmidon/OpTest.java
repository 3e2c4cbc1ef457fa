package io.myrmidon;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The predefined operations' table and their edge cases, without a job.
 */
class OpTest
{
    @Test
    void theTableOfValidPairsIsTheDocumentedOne()
    {
        for (final Datatype type : Datatype.values())
        {
            final boolean integer = type.kind() == Datatype.Kind.INTEGER;
            final boolean floating = type.kind() == Datatype.Kind.FLOATING;
            final boolean pair = type.kind() == Datatype.Kind.PAIR;
            assertEquals(integer || floating, Op.SUM.supports(type), "SUM " + type);
            assertEquals(integer || floating, Op.PROD.supports(type), "PROD " + type);
            assertEquals(!pair, Op.MIN.supports(type), "MIN " + type);
            assertEquals(!pair, Op.MAX.supports(type), "MAX " + type);
            for (final Op op : new Op[]{Op.LAND, Op.LOR, Op.LXOR, Op.BAND, Op.BOR, Op.BXOR})
            {
                assertEquals(integer, op.supports(type), op + " " + type);
            }
            assertEquals(pair, Op.MINLOC.supports(type), "MINLOC " + type);
            assertEquals(pair, Op.MAXLOC.supports(type), "MAXLOC " + type);
        }
    }

    @Test
    void aPairThatMakesNoSenseSaysWhy()
    {
        final MyrmidonException e = assertThrows(MyrmidonException.class, () -> Op.BXOR.check("allReduce", Datatype.DOUBLE));
        assertEquals(ErrorClass.OP, e.errorClass());
        assertEquals("allReduce: BXOR does not apply to DOUBLE: bitwise operations apply to the integer types only",
            e.getMessage());
    }

    @Test
    void integersWrapAndCharsCompareUnsigned()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[8]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[8]);
        a.putByte(0, (byte)120);
        b.putByte(0, (byte)10);
        Op.SUM.reduceLocal(a, 0, b, 0, 1, Datatype.BYTE);
        assertEquals((byte)130, b.getByte(0));
        a.putChar(0, (char)0xFFFF);
        b.putChar(0, 'a');
        Op.MAX.reduceLocal(a, 0, b, 0, 1, Datatype.CHAR);
        assertEquals((char)0xFFFF, b.getChar(0));
        a.putLong(0, 0b1100);
        b.putLong(0, 0b1010);
        Op.BXOR.reduceLocal(a, 0, b, 0, 1, Datatype.LONG);
        assertEquals(0b0110, b.getLong(0));
        a.putInt(0, 7);
        b.putInt(0, 0);
        Op.LOR.reduceLocal(a, 0, b, 0, 1, Datatype.INT);
        assertEquals(1, b.getInt(0));
    }

    @Test
    void floatingMinAndMaxFollowMath()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[8]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[8]);
        a.putDouble(0, 0.0);
        b.putDouble(0, -0.0);
        Op.MIN.reduceLocal(a, 0, b, 0, 1, Datatype.DOUBLE);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.getDouble(0)));
        a.putFloat(0, Float.NaN);
        b.putFloat(0, 1f);
        Op.MAX.reduceLocal(a, 0, b, 0, 1, Datatype.FLOAT);
        assertTrue(Float.isNaN(b.getFloat(0)));
    }

    @Test
    void minlocAndMaxlocBreakTiesByTheSmallerIndex()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[24]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[24]);
        a.putDouble(0, 2.5);
        a.putInt(8, 9);
        b.putDouble(0, 2.5);
        b.putInt(8, 4);
        a.putDouble(12, 1.0);
        a.putInt(20, 1);
        b.putDouble(12, 3.0);
        b.putInt(20, 2);
        Op.MAXLOC.reduceLocal(a, 0, b, 0, 2, Datatype.DOUBLE_INT);
        assertEquals(2.5, b.getDouble(0));
        assertEquals(4, b.getInt(8));
        assertEquals(3.0, b.getDouble(12));
        assertEquals(2, b.getInt(20));
        a.putInt(8, 1);
        Op.MINLOC.reduceLocal(a, 0, b, 0, 1, Datatype.DOUBLE_INT);
        assertEquals(1, b.getInt(8));
    }

    @Test
    void userOperationsSeeTheLowerRanksFirst()
    {
        final Op first = Op.create((in, inOffset, inout, inoutOffset, count, type) ->
        {
            for (int i = 0; i < count; i++)
            {
                inout.putInt(inoutOffset + 4 * i, in.getInt(inOffset + 4 * i));
            }
        }, false);
        assertFalse(first.isCommutative());
        final UnsafeBuffer lower = new UnsafeBuffer(new byte[4]);
        final UnsafeBuffer higher = new UnsafeBuffer(new byte[4]);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[4]);
        lower.putInt(0, 1);
        higher.putInt(0, 2);
        first.combine(lower, 0, higher, 0, out, 0, 1, Datatype.INT);
        assertEquals(1, out.getInt(0));
        assertEquals(2, higher.getInt(0), "the second operand is not written when out is elsewhere");
    }
}
