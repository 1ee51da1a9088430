const q=`not this one`,w=`nor this`;export{q as Ht,w as Gt};
