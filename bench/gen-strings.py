import sys
n=int(sys.argv[1]); v=b'x'*100
out=sys.stdout.buffer
for i in range(n):
    k=b'key:%010d'%i
    out.write(b'*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n'%(len(k),k,v))
